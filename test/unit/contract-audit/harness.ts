// Contract-audit harness: builds facts documents the way the scoring contract
// (../shared/spec/scoring-contract.md) describes them and runs them through the real CLI
// (`node --import tsx shared/cli/pcs.ts score -`). Expectations in the tests are computed by hand
// from the contract text; this file holds no rule knowledge.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Default day: M = 2026-10, M−1 = 2026-09, M−12 = 2025-10, M−13 = 2025-09, TTM(M) = 2025-11 … 2026-10,
 * TTM(M−12) = 2024-11 … 2025-10. */
export const AS_OF = '2026-11-21';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json | undefined };
export type Doc = { [k: string]: Json | undefined };

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(input: string, args: string[] = [], file = '-'): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'shared/cli/pcs.ts', 'score', file, ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface Metric {
  value: number | null;
  points: number;
  maxPoints: number;
}
export interface AreaOut {
  track: 'enterprise' | 'smb';
  trackTotals: Record<string, number>;
  metrics: Record<string, Metric>;
  total: number;
  qualifiesToday: boolean;
}
export interface Result {
  partnerId: string;
  asOf: string;
  rulesVersion: string;
  areas: Record<string, AreaOut>;
}

/** Scores many documents in ONE real CLI run (array in, array out in input order). */
export function scoreAll(docs: Doc[], args: string[] = []): Map<string, Result> {
  const run = runCli(JSON.stringify(docs), args);
  if (run.status !== 0) throw new Error(`pcs score exited ${run.status}: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as Result[];
  expect(out.map((r) => r.partnerId)).toEqual(docs.map((d) => d.partnerId));
  return new Map(out.map((r) => [r.partnerId, r]));
}

// ---------- builders ----------
export function partner(partnerId: string, rest: Doc = {}): Doc {
  return { partnerId, asOf: AS_OF, ...rest };
}
export function tenant(tenantId: string, usage: Json[], rest: Doc = {}): Doc {
  return { tenantId, ...rest, usage };
}
export function az(month: string, service: string, acrUsd: number, association = 'PAL', rest: Doc = {}): Doc {
  return { month, kind: 'azure', service, acrUsd, association, ...rest };
}
export function m365(month: string, workload: string, paidSeats: number, activeUsers: number, association = 'CPOR', rest: Doc = {}): Doc {
  return { month, kind: 'm365', workload, paidSeats, activeUsers, association, ...rest };
}
export function biz(month: string, workload: string, revenueUsd: number, activeUsers: number, association: string, rest: Doc = {}): Doc {
  return { month, kind: 'bizapps', workload, revenueUsd, activeUsers, association, ...rest };
}
export function assoc(type: string, from: string, to: string | null = null, rest: Doc = {}): Doc {
  return { type, from, to, ...rest };
}
/** certs: name or [name, earned, expires] */
export function person(id: string, certs: (string | [string, string, (string | null)?])[], rest: Doc = {}): Doc {
  return {
    id,
    linkedFrom: '2020-01-01',
    linkedTo: null,
    ...rest,
    certifications: certs.map((c) =>
      typeof c === 'string' ? { name: c, earned: '2024-01-01', expires: null } : { name: c[0], earned: c[1], expires: c[2] ?? null },
    ),
  };
}
export function people(prefix: string, n: number, cert: string): Doc[] {
  return Array.from({ length: n }, (_, i) => person(`${prefix}${i + 1}`, [cert]));
}

// ---------- assertions ----------
const EPS = 1e-6;
export function close(actual: number | null | undefined, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: got ${actual}, want ${expected}`).toBeLessThan(EPS);
}
export function metric(r: Result | undefined, area: string, name: string, value: number | null, points: number): void {
  expect(r, 'result present').toBeDefined();
  const m = r!.areas[area]?.metrics[name];
  expect(m, `${area}.${name} present`).toBeDefined();
  close(m!.points, points, `${r!.partnerId} ${area}.${name}.points`);
  close(m!.value, value, `${r!.partnerId} ${area}.${name}.value`);
}
export function points(r: Result | undefined, area: string, name: string, pts: number): void {
  const m = r!.areas[area]!.metrics[name];
  close(m!.points, pts, `${r!.partnerId} ${area}.${name}.points`);
}
export function area(
  r: Result | undefined,
  name: string,
  track: 'enterprise' | 'smb',
  totals: Record<string, number>,
  total: number,
  qualifies = false,
): void {
  expect(r, 'result present').toBeDefined();
  const a = r!.areas[name]!;
  expect(a.track, `${r!.partnerId} ${name}.track`).toBe(track);
  expect(Object.keys(a.trackTotals).sort(), `${name}.trackTotals keys`).toEqual(Object.keys(totals).sort());
  for (const [k, v] of Object.entries(totals)) close(a.trackTotals[k], v, `${r!.partnerId} ${name}.trackTotals.${k}`);
  close(a.total, total, `${r!.partnerId} ${name}.total`);
  expect(a.qualifiesToday, `${r!.partnerId} ${name}.qualifiesToday`).toBe(qualifies);
}
export const AZURE_AREAS = ['dataAi', 'infrastructure', 'digitalAppInnovation'] as const;
