// Spawns the real command, as outside checks do.
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { pcs, scratch, spawns } from '../../support/pcs-cli.js';

const { dir, file } = scratch('pcs-cli-');

const doc = (partnerId: string, extra: Record<string, unknown> = {}) => ({
  partnerId,
  asOf: '2026-11-21',
  customers: [{ tenantId: 't', usage: [{ month: '2026-10', kind: 'azure', service: 'Storage', acrUsd: 1500, association: 'PAL' }] }],
  ...extra,
});

describe('pcs score', spawns(4), () => {
  it('scores one document with all six areas and the contract fields', () => {
    const { code, stdout, stderr } = pcs(['score', file('one.json', doc('p1'))]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['partnerId', 'asOf', 'rulesVersion', 'areas']);
    expect(out.rulesVersion).toBe('2026-05');
    expect(Object.keys(out.areas)).toEqual([
      'dataAi',
      'infrastructure',
      'digitalAppInnovation',
      'businessApplications',
      'modernWork',
      'security',
    ]);
    expect(out.areas.dataAi.metrics.netCustomerAdds).toEqual({ value: 1, points: 10, maxPoints: 30 });
    expect(Object.keys(out.areas.dataAi)).toEqual(['track', 'trackTotals', 'metrics', 'total', 'qualifiesToday']);
    expect(out.areas.security.metrics.advancedCertifications).toBeUndefined();
  });
  it('scores an array in input order, reads stdin with -, and --as-of overrides every asOf', () => {
    const input = JSON.stringify([doc('a'), doc('b', { asOf: '2020-01-01' })]);
    const { code, stdout } = pcs(['score', '-', '--as-of', '2026-12-05'], input);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.map((s: { partnerId: string; asOf: string }) => [s.partnerId, s.asOf])).toEqual([
      ['a', '2026-12-05'],
      ['b', '2026-12-05'],
    ]);
    // M is now 2026-11: October's 1,500 still counts through M−1
    expect(out[0].areas.dataAi.metrics.netCustomerAdds.value).toBe(1);
  });
  it('adds explanations only with --explain, keeping the contract fields', () => {
    const { stdout } = pcs(['score', file('ex.json', doc('p1')), '--explain']);
    const out = JSON.parse(stdout);
    expect(out.areas.dataAi.metrics.netCustomerAdds.points).toBe(10);
    expect(out.explanations.dataAi.metrics.netCustomerAdds.tenants).toEqual([expect.objectContaining({ tenantId: 't', counted: true })]);
  });
  it.each([
    ['not JSON', '{"partnerId": ', /document 0: not JSON/],
    ['missing partnerId', { asOf: '2026-11-21' }, /document 0: partnerId: /],
    [
      'unknown association type',
      doc('p', {
        customers: [{ tenantId: 't', usage: [{ month: '2026-10', kind: 'azure', service: 'S', acrUsd: 1, association: 'EA' }] }],
      }),
      /document 0: customers\[0\]\.usage\[0\]\.association: unknown value "EA"/,
    ],
    ['2026-02-30', doc('p', { asOf: '2026-02-30' }), /document 0: asOf: not a real date "2026-02-30"/],
    ['one bad document in an array', [doc('a'), doc('b', { people: [{ id: 'x' }] })], /document 1: people\[0\]\.linkedFrom/],
  ])('exits 2 on %s with the place on stderr and nothing on stdout', (_name, content, pattern) => {
    const { code, stdout, stderr } = pcs(['score', file('bad.json', content)]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(pattern);
  });
  it('exits 2 on a bad --as-of', () => {
    const { code, stdout } = pcs(['score', file('one.json', doc('p1')), '--as-of', '2026-02-30']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });
  it('exits 1 on usage errors: unknown subcommand, missing file, no file', () => {
    expect(pcs(['scores']).code).toBe(1);
    expect(pcs(['score', join(dir, 'missing.json')]).code).toBe(1);
    expect(pcs(['score']).code).toBe(1);
    expect(pcs([]).code).toBe(1);
  });
});
