// Usage actions (a new customer, more usage of a tenant, a new deployment) as drafts: the raw facts
// they add, their cost by the cost table, the structured detail and the English sentence.
import type { Segment, UsageRecord } from '../facts/types.js';
import type { MetricName } from '../scoring/types.js';
import { usageCost } from './costs.js';
import type { Draft, GenContext } from './draft.js';
import { type Channel, newCustomerAssociation, planMonth, rawRecord, seatsInM } from './facts-edit.js';
import { amountText } from './text.js';
import type { ActionKind, FactsDelta, UsageUnit } from './types.js';

export interface UsageSpec {
  kind: Exclude<ActionKind, 'certification'>;
  metric: MetricName;
  tenantId: string;
  /** New customers only. */
  segment?: Segment;
  record: UsageRecord['kind'];
  name: string;
  channel: Channel;
  /** The amount the action is about, in `unit`; it is what the search may shrink. */
  amount: number;
  unit: UsageUnit;
  /** Other amounts of the same record (paid seats next to active users). */
  fixed?: { seats?: number; users?: number };
  /** Smallest useful amount when shrinking (a new deployment needs more than 0). */
  minAmount?: number;
  /**
   * New customers: leave `associations` out (every record counts, no association start). Only
   * where a new association would credit nothing (Modern Work usage growth and deployments).
   */
  omitAssociations?: boolean;
}

/** Azure consumption in US dollars, given in cents as the figures hold it. */
export type AzureUsageSpec = Omit<UsageSpec, 'record' | 'amount' | 'unit'> & { cents: number };

const CENTS_PER_USD = 100;

const GRANULARITY: Record<UsageUnit, number> = { usd: 0.01, activeUsers: 1, paidSeats: 1 };

export function roundAmount(amount: number, unit: UsageUnit): number {
  return unit === 'usd' ? Math.ceil(Math.round(amount * 1e6) / 1e4) / 100 : Math.ceil(amount - 1e-9);
}

export function usageDraft(ctx: GenContext, spec: UsageSpec): Draft {
  const { asOf, costs } = ctx.world;
  const amount = roundAmount(spec.amount, spec.unit);
  const amounts: { usd?: number; seats?: number; users?: number } = { ...spec.fixed };
  if (spec.unit === 'usd') amounts.usd = amount;
  else if (spec.unit === 'paidSeats') amounts.seats = amount;
  else amounts.users = amount;
  const record = rawRecord(spec.record, spec.name, asOf, spec.channel, amounts);
  const month = planMonth(asOf).month;

  const isNew = spec.kind === 'newCustomer';
  const existing = isNew ? undefined : ctx.facts.customers.find((c) => c.tenantId === spec.tenantId);
  const seatIncrease = Math.max(0, (amounts.seats ?? 0) - seatsInM(existing, asOf));
  const amountCost = usageCost(costs, { usd: amounts.usd, users: amounts.users, seats: seatIncrease });
  const base = spec.kind === 'newCustomer' ? costs.newCustomer : spec.kind === 'newDeployment' ? costs.newDeployment : 0;

  const customer: NonNullable<FactsDelta['customers']>[number] = { tenantId: spec.tenantId };
  if (isNew) {
    customer.segment = spec.segment ?? 'enterprise';
    if (!spec.omitAssociations) customer.associations = [newCustomerAssociation(spec.channel, spec.name, asOf)];
  } else if (spec.channel.addAssociation) customer.associations = [spec.channel.addAssociation];
  customer.usage = [record];

  const what = `${amountText(amount, spec.unit)}${spec.fixed?.seats !== undefined && spec.unit !== 'paidSeats' ? ` on ${amountText(spec.fixed.seats, 'paidSeats')}` : ''}`;
  const through = `through ${spec.channel.association}${spec.channel.addAssociation ? ' (new association)' : ''}`;
  const text =
    spec.kind === 'newCustomer'
      ? `Win one net new ${customer.segment} customer (${spec.tenantId}) using ${what} of ${spec.name} in ${month} ${through}`
      : spec.kind === 'newDeployment'
        ? `Deploy ${spec.name} at tenant ${spec.tenantId} with ${what} in ${month} ${through}`
        : `Grow ${spec.name} at tenant ${spec.tenantId} by ${what} in ${month} ${through}`;
  const detailBase = { tenantId: spec.tenantId, association: spec.channel.association, month, name: spec.name, amount, unit: spec.unit };
  return {
    kind: spec.kind,
    metric: spec.metric,
    text,
    facts: { customers: [customer] },
    cost: base + amountCost,
    detail: { kind: spec.kind, ...detailBase },
    ...(isNew ? { renew: (tenantId: string) => usageDraft(ctx, { ...spec, tenantId }) } : {}),
    resize: {
      amount,
      granularity: GRANULARITY[spec.unit],
      build: (smaller) => usageDraft(ctx, { ...spec, amount: Math.max(smaller, spec.minAmount ?? 0) }),
    },
  };
}

/** An Azure consumption action (more usage of a tenant, a new customer) in US dollars. */
export function azureUsageDraft(ctx: GenContext, spec: AzureUsageSpec): Draft {
  const { cents, ...rest } = spec;
  return usageDraft(ctx, { ...rest, record: 'azure', amount: cents / CENTS_PER_USD, unit: 'usd' });
}
