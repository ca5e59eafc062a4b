// Differential test: the engine (scorePartner, exactly as `pcs score` calls it) against the
// independent reference oracle in reference.ts, on generated edge-heavy facts, comparing every
// metric's value/points/maxPoints, track, trackTotals, total and qualifiesToday of all six areas.
// Seeded and sized to run in a few seconds; for a long hunt:
//   DIFF_RUNS=5000 DIFF_SEED=7 npx vitest run --project unit test/unit/differential
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { type Emphasis, factsArb } from './arbitraries.js';
import { compare, diff } from './harness.js';
import { referenceScore, trace } from './reference.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 400);
const SEED = Number(process.env.DIFF_SEED ?? 20260521);
const EMPHASES: Emphasis[] = ['azure', 'businessApplications', 'modernWork', 'security', 'people', 'strong', 'mixed'];

describe('engine vs reference oracle (differential)', () => {
  for (const [i, emphasis] of EMPHASES.entries()) {
    it(
      `agrees on every output field — ${emphasis}-heavy facts`,
      () => {
        fc.assert(
          fc.property(factsArb(emphasis), (c) => {
            expect(compare(c)).toEqual([]);
          }),
          { numRuns: RUNS, seed: SEED + i },
        );
      },
      30_000 + RUNS * 40,
    );
  }

  it.skipIf(RUNS < 400)('the runs above reached the edge branches the contract is specific about', () => {
    // Guards the generator: if a change stops producing these situations, the agreement above
    // would prove less than it seems. (Counts come from the reference's branch trace.)
    const needed = [
      'attribution: association `from` = last day of the month',
      'attribution: association `to` = first day of the month',
      'attribution: CPOR record without activity matched ≥ 2 activities',
      'azure: exactly 80 % smb tenants',
      'azure: frozen track smb',
      'azure: frozen track enterprise',
      'azure: negative base (credits) with TTM ≥ 1,000',
      'azure: TTM below 1,000 with a base',
      'azure: base 0, full points',
      'azure: tenant exactly at the NCA floor',
      'ba: enterprise track',
      'ba: 4 big pairs (smb)',
      'ba: roll-up workload counted',
      'ba: usage growth scored (enterprise)',
      'ba: usage growth scored (smb)',
      'best-of: tie with points (→ enterprise)',
      'mw: Teams Premium sets the band',
      'mw: baseline from the start month (≠ 0)',
      'mw: deployment left out (already at 0.40 in the start month)',
      'mw: usage-growth tie with different values',
      'mw: deployments tie with different values',
      'people: retired cert on its last day of grace',
      'people: cert expiring on D',
      'ratio exactly 0.4',
      'ratio exactly 0.15',
      'security: ttm exactly 600',
      'security: band only earlier in TTM',
      'skilling: enterprise all gates met with final-step people',
      'skilling: smb partial gates with final-step people',
      'qualifies today',
      'total ≥ 70 but a metric at 0',
    ];
    expect(needed.filter((k) => (trace.get(k) ?? 0) === 0)).toEqual([]);
  });
});

describe('engine vs reference through the real command', () => {
  it('`npm run --silent pcs -- score FILE [--as-of]` prints what the reference computes', () => {
    const cases = fc.sample(factsArb('strong'), { numRuns: 40, seed: SEED });
    const docs = cases.map((c) => c.doc);
    const dir = mkdtempSync(join(tmpdir(), 'pcs-diff-'));
    const file = join(dir, 'facts.json');
    writeFileSync(file, JSON.stringify(docs));
    const root = join(import.meta.dirname, '../../..');
    for (const asOf of [undefined, '2027-03-31']) {
      const args = ['run', '--silent', 'pcs', '--', 'score', file, ...(asOf ? ['--as-of', asOf] : [])];
      const run = spawnSync('npm', args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as Parameters<typeof diff>[0][];
      expect(out).toHaveLength(docs.length);
      out.forEach((scores, k) => {
        expect(diff(scores, referenceScore(docs[k], asOf)), `document ${k}`).toEqual([]);
      });
    }
  }, 60_000);
});
