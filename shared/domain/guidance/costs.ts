// The plan's cost table as data (docs/guidance.md, "Costs"): the defaults live in types.ts
// (DEFAULT_COSTS); a request may override any entry. Costs compose per action:
//   certification  = certification
//   newCustomer    = newCustomer   + the cost of its usage amounts
//   newDeployment  = newDeployment + the cost of its usage amounts
//   moreUsage      =                 the cost of its usage amounts
// usage amounts: |USD| / 1,000 × per1000Usd + (active users + paid-seat increase) / 10 × per10SeatsOrUsers,
// fractions allowed. The paid-seat increase is what the record adds to the tenant's largest paidSeats of
// that month (seats take the largest, so re-stating seats the tenant already has costs nothing).
import { z } from 'zod';

import { type CostTable, DEFAULT_COSTS } from './types.js';

export { DEFAULT_COSTS };

const USD_UNIT = 1000;
const SEATS_UNIT = 10;

const cost = z.number().finite().nonnegative();

/** A partial override: only known keys, each a finite number ≥ 0. */
export const costOverrideSchema = z
  .object({
    certification: cost,
    newCustomer: cost,
    per1000Usd: cost,
    per10SeatsOrUsers: cost,
    newDeployment: cost,
  })
  .partial()
  .strict();

export type CostOverride = z.infer<typeof costOverrideSchema>;

export type ParseCostsResult = { ok: true; costs: CostTable } | { ok: false; errors: string[] };

/** Validates an override (already parsed JSON) and lays it over the defaults. */
export function parseCosts(raw: unknown, base: CostTable = DEFAULT_COSTS): ParseCostsResult {
  const result = costOverrideSchema.safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      errors: result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(costs)'}: ${i.message}`),
    };
  }
  return { ok: true, costs: resolveCosts(result.data, base) };
}

/** The defaults with the override's entries; throws on an invalid override. */
export function resolveCosts(override: Partial<CostTable> = {}, base: CostTable = DEFAULT_COSTS): CostTable {
  const checked = costOverrideSchema.parse(override);
  const costs = { ...base };
  for (const [key, value] of Object.entries(checked) as [keyof CostTable, number | undefined][]) {
    if (value !== undefined) costs[key] = value;
  }
  return costs;
}

/** Cost of usage amounts: USD (ACR or revenue), active users, and paid seats added. */
export function usageCost(costs: CostTable, amounts: { usd?: number; users?: number; seats?: number }): number {
  const usd = Math.abs(amounts.usd ?? 0);
  const people = (amounts.users ?? 0) + (amounts.seats ?? 0);
  return (usd / USD_UNIT) * costs.per1000Usd + (people / SEATS_UNIT) * costs.per10SeatsOrUsers;
}
