// `pcs facts PARTNER_ID` against the Cosmos stand-in: `pcs score` on its output gives the totals the
// pipeline stored in the partner's state document.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFactsCommand } from '../../../shared/cli/commands/facts.js';
import { command as scoreCommand } from '../../../shared/cli/commands/score.js';
import type { CliIo } from '../../../shared/cli/io.js';
import type { PartnerScores } from '../../../shared/domain/scoring/types.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { PartnerRepository } from '../../../shared/pipeline/partner-repository.js';
import { liftMessage, RecordingBus, sampleMessages, TestClock } from '../../unit/pipeline/fakes.js';
import { type PipelineStack, startPipelineStack } from './stack.js';

let stack: PipelineStack;
const PARTNERS = ['4100001', '4100003', '4100006'];

beforeAll(async () => {
  stack = await startPipelineStack();
  // 2026-12-05: before the 20th, so the pipeline scores as of 2026-11-30 (not today).
  const deps = { store: stack.store, repos: stack.repos, bus: new RecordingBus(), clock: new TestClock('2026-12-05') };
  for (const p of PARTNERS) for (const m of await sampleMessages(p)) await applyPartnerChanges(deps, m);
  await applyPartnerChanges(deps, await liftMessage());
});
afterAll(() => stack?.close());

function io(input = ''): CliIo & { out: string; err: string } {
  const r = {
    out: '',
    err: '',
    stdout: (t: string) => void (r.out += t),
    stderr: (t: string) => void (r.err += t),
    readInput: async () => input,
  };
  return r;
}

describe('pcs facts', () => {
  it.each(PARTNERS)('prints %s so that pcs score gives the stored totals', async (partnerId) => {
    const state = (await new PartnerRepository(stack).readState(partnerId))!.doc;
    expect(state.scoring).toMatchObject({ today: '2026-12-05', asOf: '2026-11-30' });
    const facts = io();
    expect(await createFactsCommand({ env: stack.env }).run([partnerId], facts)).toBe(0);
    expect(facts.err).toBe('');
    const printed = JSON.parse(facts.out) as { asOf: string; enrollment: unknown };
    expect(printed.asOf).toBe('2026-11-30');
    expect(printed.enrollment).toEqual(state.scoring.enrollment);

    const scored = io(facts.out);
    expect(await scoreCommand.run(['-'], scored)).toBe(0);
    const result = JSON.parse(scored.out) as PartnerScores;
    expect(result).toEqual(state.score);
    for (const [area, s] of Object.entries(result.areas))
      expect(s.total, area).toBe(state.score.areas[area as keyof PartnerScores['areas']].total);
  });

  it('scores a frozen Azure track as enrolled (Tailspin: enterprise)', async () => {
    const facts = io();
    await createFactsCommand({ env: stack.env }).run(['4100006'], facts);
    expect(JSON.parse(facts.out).enrollment).toEqual({ anniversary: '2027-02-01', areas: ['dataAi'], azureTrack: 'enterprise' });
  });

  it('runs as `npm run --silent pcs -- facts`, piped into pcs score', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, ...stack.env, NODE_NO_WARNINGS: '1' };
    const { stdout } = await run('npx', ['tsx', 'shared/cli/pcs.ts', 'facts', '4100003'], {
      env,
      cwd: new URL('../../../', import.meta.url).pathname,
    });
    expect(JSON.parse(stdout)).toMatchObject({ partnerId: '4100003', asOf: '2026-11-30' });
  });

  it('exits 1 with a clear message for an unknown partner and for an unreachable Cosmos DB', async () => {
    const unknown = io();
    expect(await createFactsCommand({ env: stack.env }).run(['nobody'], unknown)).toBe(1);
    expect(unknown.out).toBe('');
    expect(unknown.err).toMatch(/partner nobody not found in Cosmos DB/);

    const down = io();
    expect(await createFactsCommand({ env: { ...stack.env, COSMOS_ENDPOINT: 'https://127.0.0.1:1' } }).run(['4100003'], down)).toBe(1);
    expect(down.err).toMatch(/cannot read Cosmos DB https:\/\/127\.0\.0\.1:1.*ECONNREFUSED/);

    const noDb = io();
    expect(await createFactsCommand({ env: { ...stack.env, COSMOS_DATABASE: 'never-created' } }).run(['4100003'], noDb)).toBe(1);
    expect(noDb.err).toMatch(/partner 4100003 not found/);

    const usage = io();
    expect(await createFactsCommand({ env: stack.env }).run([], usage)).toBe(1);
    expect(usage.err).toMatch(/missing PARTNER_ID/);
  });
});
