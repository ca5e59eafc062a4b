// `pcs gap` through the real command, as outside checks call it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { pcs, repoRoot as root, scratch, spawns } from '../../support/pcs-cli.js';

const { dir, file } = scratch('pcs-gap-');
const northwind = join(root, 'test/unit/guidance/fixtures/northwind-4100003.json');

describe('pcs gap', spawns(4), () => {
  it('prints all six areas in the shape of pcs score, each with qualifiesToday, plan, totalAfter, cost, reason', () => {
    const { code, stdout, stderr } = pcs(['gap', northwind]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['partnerId', 'asOf', 'rulesVersion', 'areas']);
    expect(out).toMatchObject({ partnerId: '4100003', asOf: '2026-11-21', rulesVersion: '2026-05' });
    expect(Object.keys(out.areas)).toEqual([
      'dataAi',
      'infrastructure',
      'digitalAppInnovation',
      'businessApplications',
      'modernWork',
      'security',
    ]);
    for (const area of Object.values(out.areas) as Record<string, unknown>[]) {
      expect(Object.keys(area).sort()).toEqual(['cost', 'plan', 'qualifiesToday', 'reason', 'totalAfter']);
    }
    const ba = out.areas.businessApplications;
    expect(ba.plan).toHaveLength(1);
    expect(ba.totalAfter).toBeCloseTo(72.5, 6);
    expect(Object.keys(ba.plan[0]).sort()).toEqual(['cost', 'detail', 'facts', 'kind', 'metric', 'text']);
  }, 30_000);

  it('--area gives one area; an array in gives an array out; - reads standard input', () => {
    const doc = readFileSync(northwind, 'utf8');
    const one = pcs(['gap', '-', '--area', 'businessApplications'], doc);
    expect(one.code).toBe(0);
    expect(Object.keys(JSON.parse(one.stdout).areas)).toEqual(['businessApplications']);
    const many = pcs(['gap', file('two.json', `[${doc},${doc}]`), '--area=businessApplications']);
    expect(many.code).toBe(0);
    expect(JSON.parse(many.stdout)).toHaveLength(2);
  }, 30_000);

  it('--as-of overrides the day, as for pcs score', () => {
    const { code, stdout } = pcs(['gap', northwind, '--area', 'businessApplications', '--as-of', '2026-11-25']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.asOf).toBe('2026-11-25');
    expect(out.areas.businessApplications.plan[0].facts.people[0].certifications[0].earned).toBe('2026-11-25');
  }, 30_000);

  it('--costs takes JSON or a file, and changes what the plan costs', () => {
    const inline = pcs(['gap', northwind, '--area', 'businessApplications', '--costs', '{"certification":4}']);
    expect(inline.code).toBe(0);
    expect(JSON.parse(inline.stdout).areas.businessApplications.cost).toBe(4);
    const fromFile = pcs(['gap', northwind, '--area', 'businessApplications', '--costs', file('costs.json', { certification: 2 })]);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout).areas.businessApplications.cost).toBe(2);
  }, 30_000);

  it('bad input exits 2 with the reason on stderr and nothing on stdout', () => {
    const cases: string[][] = [
      ['gap', file('bad.json', { partnerId: 'p' })],
      ['gap', file('notjson.json', '{')],
      ['gap', northwind, '--as-of', '2026-02-30'],
      ['gap', northwind, '--area', 'azure'],
      ['gap', northwind, '--costs', '{"newCustomr":1}'],
      ['gap', northwind, '--costs', '{"certification":-1}'],
    ];
    for (const args of cases) {
      const { code, stdout, stderr } = pcs(args);
      expect({ args, code, stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(stderr).toMatch(/^pcs gap: /);
    }
    const missing = pcs(['gap', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(pcs(['gap']).code).toBe(1);
  }, 60_000);
});
