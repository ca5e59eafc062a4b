// Small readings of the current search state shared by the candidate generators.
import { toNumber } from '../calendar/rational.js';
import type { AssociationType, Customer, UsageRecord } from '../facts/types.js';
import type { TenantUsage } from '../scoring/partner-usage.js';
import type { MetricName } from '../scoring/types.js';
import type { GenContext } from './draft.js';
import { isPlanTenant, planMonth } from './facts-edit.js';

/** Commercial tenants from the input (the plan's own new customers are never built on). */
/** Tenants offered per lever: the nearest few. */
export const TENANTS_PER_LEVER = 3;
/** Cents in a US dollar (the usage figures hold cents). */
export const CENTS = 100;

export function usableTenants(ctx: GenContext): TenantUsage[] {
  return ctx.usage.tenants.filter((t) => !isPlanTenant(t.customer.tenantId));
}

export function pointsOf(ctx: GenContext, metric: MetricName): number {
  return ctx.evaluation.points[metric] ?? 0;
}

export function hasHeadroom(ctx: GenContext, metric: MetricName): boolean {
  const m = ctx.evaluation.result.metrics[metric];
  return m !== undefined && toNumber(m.points) < m.maxPoints;
}

/** Points still missing to the qualifying total. */
export function gapPoints(ctx: GenContext): number {
  const minTotal = toNumber(ctx.world.rules.qualifyingTotal);
  return Math.max(0, minTotal - ctx.evaluation.total);
}

/** The tenant's name (service or workload) of `kind` with the most usage in M, else its latest one. */
export function mainName(
  customer: Customer,
  kind: UsageRecord['kind'],
  asOf: string,
  accept: (name: string) => boolean = () => true,
): string {
  const month = planMonth(asOf).month;
  let best: { name: string; size: number; month: string } | null = null;
  for (const u of customer.usage) {
    if (u.kind !== kind) continue;
    const name = u.kind === 'azure' ? u.service : u.workload;
    if (!accept(name)) continue;
    const size = u.kind === 'azure' ? u.acrUsd : u.kind === 'm365' ? u.paidSeats : u.revenueUsd;
    const inM = u.month === month ? size : -Infinity;
    if (!best || (u.month === month && inM > best.size) || (best.size === -Infinity && u.month > best.month)) {
      best = { name: name.trim(), size: inM, month: u.month };
    }
  }
  return best?.name ?? '';
}

/** The association type the partner uses most for `kind` among `types` (else the catalog's first). */
export function preferredType(
  customers: readonly Customer[],
  kind: UsageRecord['kind'],
  types: readonly AssociationType[],
): AssociationType {
  const counts = new Map<AssociationType, number>();
  for (const c of customers)
    for (const u of c.usage)
      if (u.kind === kind && types.includes(u.association)) counts.set(u.association, (counts.get(u.association) ?? 0) + 1);
  let best: AssociationType | undefined;
  for (const type of types) if (best === undefined || (counts.get(type) ?? 0) > (counts.get(best) ?? 0)) best = type;
  return best ?? (types[0] as AssociationType);
}
