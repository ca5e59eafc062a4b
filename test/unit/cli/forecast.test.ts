// `pcs forecast`, spawned as outside checks run it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { pcs, scratch, spawns } from '../../support/pcs-cli.js';

const { dir } = scratch('pcs-forecast-');

const doc = {
  partnerId: 'p1',
  asOf: '2027-01-31',
  customers: [{ tenantId: 't', usage: [{ month: '2026-12', kind: 'azure', service: 'Storage', acrUsd: 1500, association: 'PAL' }] }],
};

describe('pcs forecast', spawns(3), () => {
  it('prints two results in the shape of score, on the clamped days, each area with a flag', () => {
    const path = join(dir, 'one.json');
    writeFileSync(path, JSON.stringify(doc));
    const { code, stdout, stderr } = pcs(['forecast', path]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.map((r: { asOf: string }) => r.asOf)).toEqual(['2027-02-28', '2027-03-31']);
    for (const r of out) {
      expect(Object.keys(r)).toEqual(['partnerId', 'asOf', 'rulesVersion', 'areas']);
      for (const area of Object.values(r.areas) as Array<Record<string, unknown>>) {
        expect(Object.keys(area)).toEqual(['track', 'trackTotals', 'metrics', 'total', 'qualifiesToday', 'flag']);
      }
    }
    // Usage carried forward: 2027-01 (and 2027-02) hold December's 1,500, so the service still deploys.
    expect(out[1].areas.infrastructure.metrics.deployments.value).toBe(1);
  });

  it('reads standard input, takes --as-of, answers an array for an array', () => {
    const { code, stdout } = pcs(['forecast', '-', '--as-of', '2026-11-21'], JSON.stringify([doc, { ...doc, partnerId: 'p2' }]));
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toHaveLength(2);
    expect(out[1][0]).toMatchObject({ partnerId: 'p2', asOf: '2026-12-21' });
  });

  it('exits 2 with the path and reason on bad input, printing nothing', () => {
    const { code, stdout, stderr } = pcs(['forecast', '-'], JSON.stringify({ ...doc, asOf: '2026-02-30' }));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/document 0: asOf: /);
  });
});
