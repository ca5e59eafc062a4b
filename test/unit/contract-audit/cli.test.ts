/* eslint-disable @typescript-eslint/no-explicit-any -- the cases mutate documents freely to make them invalid */
// The command itself: input/output forms and validation (exit 2, nothing on stdout), from the
// scoring contract. Each case spawns the real CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { spawns } from '../../support/pcs-cli.js';
import { assoc, az, biz, type Doc, m365, partner, person, ROOT, runCli, tenant } from './harness.js';

const good = (): Doc =>
  partner('ok', {
    enrollment: { anniversary: '2026-03-15', areas: ['modernWork', 'dataAi'], azureTrack: null },
    customers: [
      tenant(
        't1',
        [
          az('2026-10', 'Totally Unknown Service', -250.5, 'PAL', { offer: 'standard', extra: 'ignored' }),
          m365('2026-10', 'Unknown Workload', 10, 3, 'CPOR', { cporActivity: 'use-consume' }),
          biz('2026-10', 'Business Central', -10, 1, 'CPOR', { cporActivity: 'osu' }),
        ],
        {
          segment: 'smb',
          cloud: 'commercial',
          associations: [assoc('CPOR', '2020-01-01', null, { workload: 'Teams', cporActivity: 'use-consume' })],
        },
      ),
      tenant('t2', [az('2026-10', 'Storage', 1, 'CSP_T1')], { associations: null }),
    ],
    people: [person('p1', ['Unknown Certification'])],
    somethingElse: { ignored: true },
  });

type Mutate = (d: Doc & Record<string, any>) => void;
const bad: [string, Mutate, string][] = [
  ['partnerId missing', (d) => delete d.partnerId, 'partnerId'],
  ['partnerId empty', (d) => (d.partnerId = ''), 'partnerId'],
  ['asOf missing', (d) => delete d.asOf, 'asOf'],
  ['asOf not a real date', (d) => (d.asOf = '2026-02-30'), 'asOf'],
  ['asOf with time', (d) => (d.asOf = '2026-11-21T00:00:00Z'), 'asOf'],
  ['association from not a real date', (d) => (d.customers[0].associations[0].from = '2026-02-29'), 'from'],
  ['association from missing', (d) => delete d.customers[0].associations[0].from, 'from'],
  ['certification earned not a real date', (d) => (d.people[0].certifications[0].earned = '2026-13-01'), 'earned'],
  ['month 13', (d) => (d.customers[0].usage[0].month = '2026-13'), 'month'],
  ['month not YYYY-MM', (d) => (d.customers[0].usage[0].month = '2026-1'), 'month'],
  ['unknown kind', (d) => (d.customers[0].usage[0].kind = 'aws'), 'kind'],
  ['segment case-sensitive', (d) => (d.customers[0].segment = 'SMB'), 'segment'],
  ['unknown cloud', (d) => (d.customers[0].cloud = 'gov'), 'cloud'],
  ['unknown offer', (d) => (d.customers[0].usage[0].offer = 'free'), 'offer'],
  ['unknown association type', (d) => (d.customers[0].associations[0].type = 'CSP'), 'type'],
  ['usage association lower case', (d) => (d.customers[0].usage[0].association = 'pal'), 'association'],
  ['unknown cporActivity', (d) => (d.customers[0].usage[1].cporActivity = 'consume'), 'cporActivity'],
  ['unknown enrolled area', (d) => (d.enrollment.areas = ['azure']), 'areas'],
  ['unknown azureTrack', (d) => (d.enrollment.azureTrack = 'mid'), 'azureTrack'],
  ['association to before from', (d) => (d.customers[0].associations[0].to = '2019-12-31'), 'associations'],
  ['usage without association', (d) => delete d.customers[0].usage[0].association, 'association'],
  ['acrUsd as string', (d) => (d.customers[0].usage[0].acrUsd = '100'), 'acrUsd'],
  ['customers as object', (d) => (d.customers = {}), 'customers'],
  ['paidSeats negative', (d) => (d.customers[0].usage[1].paidSeats = -1), 'paidSeats'],
  ['activeUsers not integer', (d) => (d.customers[0].usage[1].activeUsers = 1.5), 'activeUsers'],
  ['bizapps activeUsers negative', (d) => (d.customers[0].usage[2].activeUsers = -2), 'activeUsers'],
  ['duplicate tenantId', (d) => (d.customers[1].tenantId = 't1'), 'tenantId'],
  ['duplicate person id', (d) => d.people.push(person('p1', [])), 'id'],
];

function expectExit2(run: ReturnType<typeof runCli>, fragment?: string): void {
  expect(run.status, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().length).toBeGreaterThan(0);
  if (fragment) expect(run.stderr).toContain(fragment);
}

describe('pcs score command (contract audit)', spawns(1), () => {
  it('the good document scores (negative amounts, unknown names, extra fields are fine); one object → one object', () => {
    const run = runCli(JSON.stringify(good()));
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Array.isArray(out)).toBe(false);
    expect(out.partnerId).toBe('ok');
    expect(Object.keys(out.areas)).toHaveLength(6);
  });

  it('an array gives an array in input order', () => {
    const docs = ['z', 'a', 'm'].map((id) => ({ ...good(), partnerId: id }));
    const run = runCli(JSON.stringify(docs));
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).map((r: { partnerId: string }) => r.partnerId)).toEqual(['z', 'a', 'm']);
  });

  it('`npm run --silent pcs -- score FILE` prints only JSON', spawns(4), () => {
    const dir = mkdtempSync(join(tmpdir(), 'pcs-audit-'));
    try {
      const file = join(dir, 'facts.json');
      writeFileSync(file, JSON.stringify(good()));
      const r = spawnSync('npm', ['run', '--silent', 'pcs', '--', 'score', file], { cwd: ROOT, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).partnerId).toBe('ok');
      const r2 = spawnSync('npm', ['run', '--silent', 'pcs', '--', 'score', file, '--as-of', '2027-01-10'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(r2.status, r2.stderr).toBe(0);
      expect(JSON.parse(r2.stdout).asOf).toBe('2027-01-10');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('not JSON, not an object → exit 2, empty stdout', spawns(4), () => {
    expectExit2(runCli('{"partnerId":'));
    expectExit2(runCli('42'));
    expectExit2(runCli('[42]'));
    expectExit2(runCli('"text"'));
  });

  it('a non-finite number (1e999) → exit 2', () => {
    const text = JSON.stringify(good()).replace('-250.5', '1e999');
    expect(text).toContain('1e999');
    expectExit2(runCli(text), 'acrUsd');
  });

  it('asOf missing is fine with --as-of; a bad --as-of is an error', spawns(2), () => {
    const d = good();
    delete d.asOf;
    const run = runCli(JSON.stringify(d), ['--as-of', '2026-11-21']);
    expect(run.status, run.stderr).toBe(0);
    expectExit2(runCli(JSON.stringify(good()), ['--as-of', '2026-02-30']));
  });

  it('one bad document in an array fails the whole run', () => {
    const b = good();
    (b as any).customers[0].segment = 'mid';
    expectExit2(runCli(JSON.stringify([good(), b])), 'segment');
  });

  it.each(bad)('validation: %s → exit 2 naming the field', (_name, mutate, fragment) => {
    const d = good() as Doc & Record<string, any>;
    mutate(d);
    expectExit2(runCli(JSON.stringify(d)), fragment);
  });
});
