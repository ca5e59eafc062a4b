// One pass over a partner's usage records, grouping by tenant and month into flat arrays of integers
// (cents, seats, users). Every area reads these figures; nothing downstream touches records again,
// except the rare Modern Work start month outside the window.
import { toWholeCents } from '../calendar/cents.js';
import { monthIndex } from '../calendar/dates.js';
import { ASSOCIATION_TYPES, type AzureUsage, type BizAppsUsage, type Customer, type M365Usage, type PartnerFacts } from '../facts/types.js';
import { ASSOCIATION_BITS, type CompiledRules, OFFER_BITS } from '../rules/compiled.js';
import { NameKeys } from '../rules/names.js';
import { attribute, attributionFailure, NOT_ATTRIBUTED, prepareAssociations, type PreparedAssociation } from './attribution.js';
import type { ExclusionReason } from './explanation.js';
import { type ScoringMonths, WINDOW } from './months.js';

/** Field slots of a tenant's figures; each slot holds WINDOW months. */
const TYPE_COUNT = ASSOCIATION_TYPES.length;
const ASSOCIATION_INDEX = Object.fromEntries(ASSOCIATION_TYPES.map((t, i) => [t, i])) as Record<(typeof ASSOCIATION_TYPES)[number], number>;
let slot = 0;
export const F = {
  azureAcr: slot++,
  securityAcr: slot++,
  securitySeats: slot++,
  securityUsers: slot++,
  securitySeatSum: slot++,
  mwSeats: slot++, // all Modern Work workloads: the band for usage growth and deployments
  mwSeatsNca: slot++, // without workloads left out of net customer adds
  mwNcaTypes: slot++, // bit mask of association types of net-customer-adds records
  mwUsers: ((slot += TYPE_COUNT), slot - TYPE_COUNT), // + association type index
  mwSeatSum: ((slot += TYPE_COUNT), slot - TYPE_COUNT),
} as const;
const SLOTS = slot;
/** Business Applications pairs keep two months: M and M−12. */
export const CURRENT = 0;
export const BASELINE = 1;
const PAIR = 2;

/** Explanation families: why a tenant's records did not feed an area. */
export type UsageFamily = 'azure' | 'security' | 'modernWork' | 'bizAppsNca' | 'bizAppsSuccess';

export interface TenantUsage {
  customer: Customer;
  associations: PreparedAssociation[] | null;
  /** SLOTS × WINDOW figures, or null when the tenant has no usage in the window. */
  figures: Float64Array | null;
  /** Business Applications, months M (0) and M−12 (1): [workload × 2 + which]. */
  bizRevenueNca: Float64Array | null;
  bizRevenueAny: Float64Array | null;
  bizScaledMcv: Float64Array | null;
  /** Explanations only: first reason per family that a record of this tenant did not count. */
  notes: Map<UsageFamily, ExclusionReason> | null;
}

export interface PartnerUsage {
  months: ScoringMonths;
  /** Commercial-cloud tenants, in input order. */
  tenants: TenantUsage[];
  /** Azure areas: Σ eligible ACR (cents) over TTM(M) per service key (excluded services left out). */
  azureServiceTtm: Map<string, number>;
  /** First spelling seen for a service key, for explanations. */
  azureServiceNames: Map<string, string>;
  keys: NameKeys;
}

export function figureAt(figures: Float64Array | null, field: number, position: number): number {
  return figures === null ? 0 : (figures[field * WINDOW + position] ?? 0);
}

const keysByRules = new WeakMap<CompiledRules, NameKeys>();

export function aggregateUsage(facts: PartnerFacts, rules: CompiledRules, months: ScoringMonths, explain: boolean): PartnerUsage {
  // Hot path (npm run bench, "validation + scoring ÷ JSON.parse"): one pass over the records, figures
  // written into typed arrays, no allocation per record; the per-kind steps below are plain functions
  // over one Aggregation so the loop stays monomorphic. validateScoreOverParse (npm run bench) was 0.94×
  // (scoring 0.53×) before this split and 0.73× (scoring 0.47×) after, on 2 shared cores.
  let keys = keysByRules.get(rules);
  if (!keys) {
    keys = new NameKeys();
    keysByRules.set(rules, keys);
  }
  const a: Aggregation = { rules, keys, months, azureServiceTtm: new Map(), azureServiceNames: new Map() };
  const { first, atM } = months;
  const tenants: TenantUsage[] = [];

  for (const customer of facts.customers) {
    if (customer.cloud !== 'commercial') continue;
    const associations = prepareAssociations(customer, keys);
    const tenant: TenantUsage = {
      customer,
      associations,
      figures: null,
      bizRevenueNca: null,
      bizRevenueAny: null,
      bizScaledMcv: null,
      notes: explain ? new Map() : null,
    };
    tenants.push(tenant);

    for (const record of customer.usage) {
      const position = monthIndex(record.month) - first;
      if (position < 0 || position > atM) continue;
      const activities = attribute(record, position + first, associations, keys);
      const attributed = activities !== NOT_ATTRIBUTED;
      const failure = !attributed && explain && associations ? attributionFailure(record, associations) : null;
      if (record.kind === 'azure') addAzure(a, tenant, record, position, attributed, failure);
      else if (record.kind === 'm365') addM365(a, tenant, record, position, attributed, failure);
      else addBizApps(a, tenant, record, position, activities, failure);
    }
  }
  return { months, tenants, azureServiceTtm: a.azureServiceTtm, azureServiceNames: a.azureServiceNames, keys };
}

/** What the per-record steps of aggregateUsage share for one partner. */
interface Aggregation {
  rules: CompiledRules;
  keys: NameKeys;
  months: ScoringMonths;
  /** Azure deployments: TTM ACR per service key, and the name first seen for it. */
  azureServiceTtm: Map<string, number>;
  azureServiceNames: Map<string, string>;
}

/** The first reason a record of `family` did not count for the tenant (explanations only). */
function note(tenant: TenantUsage, family: UsageFamily, reason: ExclusionReason): void {
  if (tenant.notes && !tenant.notes.has(family)) tenant.notes.set(family, reason);
}

/** An Azure record: ACR for the Azure areas (and their deployments' TTM per service), security ACR. */
function addAzure(
  a: Aggregation,
  tenant: TenantUsage,
  record: AzureUsage,
  position: number,
  attributed: boolean,
  failure: ExclusionReason | null,
): void {
  const { azure, security: sec } = a.rules;
  const typeBit = ASSOCIATION_BITS[record.association];
  const cents = toWholeCents(record.acrUsd);
  const offer = OFFER_BITS[record.offer];
  const figures = (tenant.figures ??= new Float64Array(SLOTS * WINDOW));
  if (!attributed) {
    if (failure) {
      note(tenant, 'azure', failure);
      note(tenant, 'security', failure);
    }
  } else if ((typeBit & azure.associationMask) === 0) note(tenant, 'azure', 'association-not-eligible');
  else if ((offer & azure.offerMask) === 0) note(tenant, 'azure', 'offer-not-standard');
  else {
    addInto(figures, F.azureAcr * WINDOW + position, cents);
    if (position >= a.months.ttmStart) {
      const key = a.keys.key(record.service);
      if (!azure.deployments.excluded.has(record.service)) {
        a.azureServiceTtm.set(key, (a.azureServiceTtm.get(key) ?? 0) + cents);
        if (!a.azureServiceNames.has(key)) a.azureServiceNames.set(key, record.service.trim());
      }
    }
  }
  if (attributed) {
    if (!sec.services.has(record.service)) note(tenant, 'security', 'service-not-listed');
    else if ((typeBit & sec.azureAssociationMask) === 0) note(tenant, 'security', 'association-not-eligible');
    else if ((offer & sec.azureOfferMask) === 0) note(tenant, 'security', 'offer-not-standard');
    else addInto(figures, F.securityAcr * WINDOW + position, cents);
  }
}

/** A Microsoft 365 record: seats and users for Modern Work (per association type) and Security. */
function addM365(
  a: Aggregation,
  tenant: TenantUsage,
  record: M365Usage,
  position: number,
  attributed: boolean,
  failure: ExclusionReason | null,
): void {
  const { modernWork: mw, security: sec } = a.rules;
  const typeBit = ASSOCIATION_BITS[record.association];
  const figures = (tenant.figures ??= new Float64Array(SLOTS * WINDOW));
  const seats = record.paidSeats;
  const users = record.activeUsers;
  const workload = mw.workloads.get(record.workload);
  if (!attributed) {
    if (failure) {
      note(tenant, 'modernWork', failure);
      note(tenant, 'security', failure);
    }
    return;
  }
  if (workload === undefined) note(tenant, 'modernWork', 'workload-not-listed');
  else {
    const type = ASSOCIATION_INDEX[record.association];
    maxInto(figures, F.mwSeats * WINDOW + position, seats);
    if (workload.forNetCustomerAdds) {
      maxInto(figures, F.mwSeatsNca * WINDOW + position, seats);
      const at = F.mwNcaTypes * WINDOW + position;
      figures[at] = (figures[at] ?? 0) | typeBit;
    }
    addInto(figures, (F.mwUsers + type) * WINDOW + position, users);
    addInto(figures, (F.mwSeatSum + type) * WINDOW + position, seats);
  }
  if (!sec.workloads.has(record.workload)) note(tenant, 'security', 'workload-not-listed');
  else if ((typeBit & sec.m365AssociationMask) === 0) note(tenant, 'security', 'association-not-eligible');
  else {
    maxInto(figures, F.securitySeats * WINDOW + position, seats);
    addInto(figures, F.securityUsers * WINDOW + position, users);
    addInto(figures, F.securitySeatSum * WINDOW + position, seats);
  }
}

/** A Business Applications record (M and M−12 only): revenue for net customer adds, scaled MCV for customer success. */
function addBizApps(
  a: Aggregation,
  tenant: TenantUsage,
  record: BizAppsUsage,
  position: number,
  activities: number,
  failure: ExclusionReason | null,
): void {
  const { atM, atM12 } = a.months;
  if (position !== atM && position !== atM12) return;
  const which = position === atM ? CURRENT : BASELINE;
  if (activities === NOT_ATTRIBUTED) {
    if (failure) {
      note(tenant, 'bizAppsNca', failure);
      note(tenant, 'bizAppsSuccess', failure);
    }
    return;
  }
  const { netCustomerAdds: nca, customerSuccess: cs } = a.rules.businessApplications;
  const typeBit = ASSOCIATION_BITS[record.association];
  const isCpor = typeBit === ASSOCIATION_BITS.CPOR;
  const ncaIndex = nca.workloads.get(record.workload);
  if (ncaIndex === undefined) note(tenant, 'bizAppsNca', 'workload-not-listed');
  else {
    const cents = toWholeCents(record.revenueUsd);
    const any = (tenant.bizRevenueAny ??= new Float64Array(nca.workloadNames.length * PAIR));
    addInto(any, ncaIndex * PAIR + which, cents);
    if ((typeBit & nca.plainMask) !== 0 || (isCpor && (activities & nca.cporActivityMask) !== 0)) {
      const eligible = (tenant.bizRevenueNca ??= new Float64Array(nca.workloadNames.length * PAIR));
      addInto(eligible, ncaIndex * PAIR + which, cents);
    } else note(tenant, 'bizAppsNca', isCpor ? 'activity-not-eligible' : 'association-not-eligible');
  }
  const csIndex = cs.records.get(record.workload);
  if (csIndex === undefined) note(tenant, 'bizAppsSuccess', 'workload-not-listed');
  else {
    const eligible = cs.palOnly[csIndex]
      ? (typeBit & cs.palOnlyMask) !== 0
      : (typeBit & cs.plainMask) !== 0 || (isCpor && (activities & cs.cporActivityMask) !== 0);
    if (eligible) {
      const mcv = (tenant.bizScaledMcv ??= new Float64Array(cs.workloadNames.length * PAIR));
      addInto(mcv, csIndex * PAIR + which, record.activeUsers * (cs.scaledRates[csIndex] ?? 0));
    } else note(tenant, 'bizAppsSuccess', isCpor && !cs.palOnly[csIndex] ? 'activity-not-eligible' : 'association-not-eligible');
  }
}

function addInto(figures: Float64Array, at: number, value: number): void {
  figures[at] = (figures[at] ?? 0) + value;
}

function maxInto(figures: Float64Array, at: number, value: number): void {
  if (value > (figures[at] ?? 0)) figures[at] = value;
}

/**
 * Modern Work figures of one tenant in an arbitrary month (start months outside the window): largest
 * paid seats over all workloads, and users / paid seats through the given association types.
 */
export function modernWorkMonth(
  tenant: TenantUsage,
  month: number,
  groupMask: number,
  rules: CompiledRules,
  keys: NameKeys,
): { seats: number; users: number; seatSum: number } {
  let seats = 0;
  let users = 0;
  let seatSum = 0;
  for (const record of tenant.customer.usage) {
    if (record.kind !== 'm365' || monthIndex(record.month) !== month) continue;
    if (rules.modernWork.workloads.get(record.workload) === undefined) continue;
    if (attribute(record, month, tenant.associations, keys) === NOT_ATTRIBUTED) continue;
    if (record.paidSeats > seats) seats = record.paidSeats;
    if ((ASSOCIATION_BITS[record.association] & groupMask) !== 0) {
      users += record.activeUsers;
      seatSum += record.paidSeats;
    }
  }
  return { seats, users, seatSum };
}
