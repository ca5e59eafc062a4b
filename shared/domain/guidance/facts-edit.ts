// Building blocks of plan actions: the month and day an action is dated, new ids, which association
// a new usage record goes through (and whether the tenant needs one appended), and who earns a
// certification. Everything is read from the rule catalog and the partner's own facts.
import { firstDayOfMonth, monthIndex, monthText } from '../calendar/dates.js';
import type { AssociationType, CporActivity, Customer, PartnerFacts, UsageRecord } from '../facts/types.js';
import type { CompiledRules } from '../rules/compiled.js';
import { NameKeys } from '../rules/names.js';
import { attribute, NOT_ATTRIBUTED, prepareAssociations } from '../scoring/attribution.js';
import type { CountedPerson } from '../scoring/people.js';

const keys = new NameKeys();

/** Month M (the month before asOf's month): every usage action is dated M. */
export function planMonth(asOf: string): { month: string; index: number; firstDay: string } {
  const index = monthIndex(asOf) - 1;
  return { month: monthText(index), index, firstDay: firstDayOfMonth(index) };
}

/** `plan-customer-N` / `plan-person-N`: the first N not taken by the facts. */
export function freshId(prefix: string, taken: ReadonlySet<string>, skip = 0): string {
  let n = 1;
  let left = skip;
  for (;;) {
    const id = `${prefix}-${n++}`;
    if (taken.has(id)) continue;
    if (left-- > 0) continue;
    return id;
  }
}

export const tenantIds = (facts: PartnerFacts): Set<string> => new Set(facts.customers.map((c) => c.tenantId));
export const personIds = (facts: PartnerFacts): Set<string> => new Set(facts.people.map((p) => p.id));

/** Customers created by the plan: later actions never build on them (each action stands alone). */
export const isPlanTenant = (id: string): boolean => id.startsWith('plan-customer-');
export const isPlanPerson = (id: string): boolean => id.startsWith('plan-person-');

export interface Channel {
  association: AssociationType;
  cporActivity?: CporActivity;
  /** Appended to the tenant's list when no active association of the type matches in M. */
  addAssociation?: Record<string, unknown>;
}

export interface ChannelRule {
  /** Association types the metric accepts, in the catalog's order. */
  types: readonly AssociationType[];
  /** The activity a CPOR record must carry (Business Applications); undefined: none needed. */
  cporActivity?: CporActivity;
  /** May the action append an association (false where a new start would undo the gain). */
  mayAddAssociation: boolean;
}

/**
 * Which association a new record of `kind` and `name` in month M goes through for this tenant:
 * a type the tenant already uses if possible, one active in M without appending if possible.
 * Tenants whose associations are omitted take any listed type (every record counts) and never get
 * an association appended (that would make only matching usage count).
 */
export function pickChannel(customer: Customer, kind: UsageRecord['kind'], name: string, rule: ChannelRule, asOf: string): Channel | null {
  const used = customer.usage.filter((u) => u.kind === kind).map((u) => u.association);
  const order = [...new Set([...rule.types.filter((t) => used.includes(t)), ...rule.types])];
  const m = planMonth(asOf);
  const withActivity = (type: AssociationType): Channel =>
    type === 'CPOR' && rule.cporActivity ? { association: type, cporActivity: rule.cporActivity } : { association: type };
  if (customer.associations === null) return order[0] ? withActivity(order[0]) : null;
  const prepared = prepareAssociations(customer, keys);
  for (const type of order) {
    const channel = withActivity(type);
    const record = probeRecord(kind, name, m.month, channel);
    if (attribute(record, m.index, prepared, keys) !== NOT_ATTRIBUTED) return channel;
  }
  if (!rule.mayAddAssociation) return null;
  const type = order.find((t) => t !== 'CPOR') ?? order[0];
  if (!type) return null;
  const channel = withActivity(type);
  const association: Record<string, unknown> = { type, from: m.firstDay, to: null };
  if (type === 'CPOR') {
    association.workload = name;
    if (channel.cporActivity) association.cporActivity = channel.cporActivity;
  }
  return { ...channel, addAssociation: association };
}

function probeRecord(kind: UsageRecord['kind'], name: string, month: string, channel: Channel): UsageRecord {
  const base = { month, association: channel.association, cporActivity: channel.cporActivity ?? null };
  if (kind === 'azure') return { ...base, kind, service: name, acrUsd: 0, offer: 'standard' };
  if (kind === 'm365') return { ...base, kind, workload: name, paidSeats: 0, activeUsers: 0 };
  return { ...base, kind, workload: name, revenueUsd: 0, activeUsers: 0 };
}

/** The association a new customer's usage goes through, starting on the first day of M. */
export function newCustomerAssociation(channel: Channel, name: string, asOf: string): Record<string, unknown> {
  const association: Record<string, unknown> = { type: channel.association, from: planMonth(asOf).firstDay, to: null };
  if (channel.association === 'CPOR') {
    association.workload = name;
    if (channel.cporActivity) association.cporActivity = channel.cporActivity;
  }
  return association;
}

/** A usage record in the contract's raw format, dated M. */
export function rawRecord(
  kind: UsageRecord['kind'],
  name: string,
  asOf: string,
  channel: Channel,
  amounts: { usd?: number; seats?: number; users?: number },
): Record<string, unknown> {
  const record: Record<string, unknown> = { month: planMonth(asOf).month, kind };
  if (kind === 'azure') Object.assign(record, { service: name, acrUsd: amounts.usd ?? 0, offer: 'standard' });
  else if (kind === 'm365') Object.assign(record, { workload: name, paidSeats: amounts.seats ?? 0, activeUsers: amounts.users ?? 0 });
  else Object.assign(record, { workload: name, revenueUsd: amounts.usd ?? 0, activeUsers: amounts.users ?? 0 });
  record.association = channel.association;
  if (channel.cporActivity) record.cporActivity = channel.cporActivity;
  return record;
}

/** Largest paidSeats of the tenant's Microsoft 365 records in M (what a new record's seats raise). */
export function seatsInM(customer: Customer | undefined, asOf: string): number {
  if (!customer) return 0;
  const month = planMonth(asOf).month;
  let seats = 0;
  for (const u of customer.usage) if (u.kind === 'm365' && u.month === month && u.paidSeats > seats) seats = u.paidSeats;
  return seats;
}

/** A certification of the list that counts when earned on asOf (never-retired ones first). */
export function certificationToEarn(list: readonly number[], rules: CompiledRules, asOf: string): number | null {
  const certs = rules.certifications;
  const current = list.find((c) => (certs.retired[c] ?? null) === null);
  if (current !== undefined) return current;
  return (
    list.find((c) => {
      const retired = certs.retired[c] ?? null;
      const graceEnd = certs.graceEnd[c] ?? null;
      return retired !== null && asOf < retired && (graceEnd === null || asOf <= graceEnd);
    }) ?? null
  );
}

/**
 * Linked people (from the input, not created by the plan) who do not yet hold any certification of
 * the list on asOf: each of them would add one holder.
 */
export function peopleWithout(people: readonly CountedPerson[], list: readonly number[]): string[] {
  return people.filter((p) => p.linked && !isPlanPerson(p.person.id) && !list.some((c) => p.valid.has(c))).map((p) => p.person.id);
}
