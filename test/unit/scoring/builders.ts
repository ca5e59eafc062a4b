// Small fact builders for scoring tests. Default as-of 2026-11-21: M = 2026-10, M−12 = 2025-10.
import { parseFacts } from '../../../shared/domain/facts/schema.js';
import { currentRules } from '../../../shared/domain/rules/load.js';
import { scorePartner } from '../../../shared/domain/scoring/score-partner.js';
import type { PartnerScores } from '../../../shared/domain/scoring/types.js';

export const AS_OF = '2026-11-21';
export const M = '2026-10';
export const M1 = '2026-09';
export const M12 = '2025-10';
export const M13 = '2025-09';

type Json = Record<string, unknown>;

export const azure = (month: string, service: string, acrUsd: number, association = 'PAL', extra: Json = {}) => ({
  kind: 'azure',
  month,
  service,
  acrUsd,
  association,
  ...extra,
});
export const m365 = (month: string, workload: string, paidSeats: number, activeUsers: number, association = 'CPOR', extra: Json = {}) => ({
  kind: 'm365',
  month,
  workload,
  paidSeats,
  activeUsers,
  association,
  ...extra,
});
export const biz = (
  month: string,
  workload: string,
  revenueUsd: number,
  activeUsers: number,
  association = 'CSP_T1',
  extra: Json = {},
) => ({
  kind: 'bizapps',
  month,
  workload,
  revenueUsd,
  activeUsers,
  association,
  ...extra,
});
export const customer = (tenantId: string, usage: Json[], extra: Json = {}) => ({ tenantId, usage, ...extra });
export const cert = (name: string, earned = '2025-01-01', expires: string | null = null) => ({ name, earned, expires });
export const person = (id: string, certifications: Json[], extra: Json = {}) => ({
  id,
  linkedFrom: '2024-01-01',
  linkedTo: null,
  certifications,
  ...extra,
});
/** n people each holding the named certification. */
export const people = (prefix: string, n: number, name: string) =>
  Array.from({ length: n }, (_, i) => person(`${prefix}${i}`, [cert(name)]));

export function rawFacts(extra: Json = {}): Json {
  return { partnerId: 'p1', asOf: AS_OF, customers: [], people: [], ...extra };
}

export function score(extra: Json = {}, options: { asOf?: string; explain?: boolean } = {}): PartnerScores {
  const parsed = parseFacts(rawFacts(extra), options.asOf ? { asOfOverride: options.asOf } : {});
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return scorePartner(parsed.facts, currentRules(), parsed.facts.asOf, { explain: options.explain ?? false });
}
