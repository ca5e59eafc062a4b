// Tenant lines of an explanation: every customer of the facts, counted or excluded with a reason.
import type { PartnerFacts } from '../facts/types.js';
import { CENTS_PER_USD } from '../rules/compiled.js';
import type { ExclusionReason, MetricExplanation, PersonEntry, TenantEntry } from './explanation.js';
import type { PartnerUsage, TenantUsage, UsageFamily } from './partner-usage.js';

export interface TenantVerdict {
  counted: boolean;
  /** The tenant had figures eligible for this metric (so a metric-specific reason applies). */
  eligible: boolean;
  reason?: ExclusionReason;
  figures?: Record<string, number | string | null>;
  items?: string[];
}

export function explainTenants(
  facts: PartnerFacts,
  usage: PartnerUsage,
  family: UsageFamily,
  judge: (tenant: TenantUsage) => TenantVerdict,
): TenantEntry[] {
  const byCustomer = new Map(usage.tenants.map((t) => [t.customer, t]));
  return facts.customers.map((customer): TenantEntry => {
    const tenant = byCustomer.get(customer);
    if (!tenant) return { tenantId: customer.tenantId, counted: false, reason: 'not-commercial-cloud' };
    const verdict = judge(tenant);
    const entry: TenantEntry = { tenantId: customer.tenantId, counted: verdict.counted };
    if (verdict.figures) entry.figures = verdict.figures;
    if (verdict.items && verdict.items.length > 0) entry.counted_items = verdict.items;
    if (!verdict.counted) {
      entry.reason = verdict.eligible
        ? (verdict.reason ?? 'no-change')
        : (tenant.notes?.get(family) ?? (customer.usage.length === 0 ? 'no-usage' : 'no-eligible-usage'));
    }
    return entry;
  });
}

export const usd = (cents: number): number => cents / CENTS_PER_USD;

/** A tenant metric: people appear as not applicable. */
export function tenantMetric(
  facts: PartnerFacts,
  summary: string,
  tenants: TenantEntry[],
  figures?: Record<string, number | string | null>,
): MetricExplanation {
  const people = facts.people.map((p): PersonEntry => ({ personId: p.id, counted: false, reason: 'metric-counts-customers' }));
  return figures ? { summary, figures, tenants, people } : { summary, tenants, people };
}

/** A skilling metric: tenants appear as not applicable. */
export function withTenantsNotApplicable(facts: PartnerFacts, explanation: MetricExplanation | undefined): MetricExplanation | undefined {
  if (!explanation) return undefined;
  return {
    ...explanation,
    tenants: facts.customers.map((c): TenantEntry => ({ tenantId: c.tenantId, counted: false, reason: 'metric-counts-people' })),
  };
}
