// The search's view of a partner: parsed facts (only the usage kinds the area reads), plan deltas
// applied to them exactly as merge.ts applies them to raw JSON, and one area scored by the engine.
import { compare, isPositive, subtract, toNumber, ZERO } from '../calendar/rational.js';
import type { Area, Association, CporActivity, Customer, Offer, PartnerFacts, Person, UsageRecord } from '../facts/types.js';
import type { RuleCatalog } from '../rules/catalog-schema.js';
import { type CompiledRules, compileRules } from '../rules/compiled.js';
import type { AreaResult } from '../scoring/area-result.js';
import { scoringMonths } from '../scoring/months.js';
import { aggregateUsage, type PartnerUsage } from '../scoring/partner-usage.js';
import { type CountedPerson, countPeople } from '../scoring/people.js';
import { scoreAreaFrom } from '../scoring/score-area.js';
import { METRIC_NAMES, type MetricName } from '../scoring/types.js';
import type { CostTable, FactsDelta } from './types.js';

/** Which usage kinds each area reads (the engine reads no other record for it). */
const KINDS: Record<Area, readonly UsageRecord['kind'][]> = {
  dataAi: ['azure'],
  infrastructure: ['azure'],
  digitalAppInnovation: ['azure'],
  businessApplications: ['bizapps'],
  modernWork: ['m365'],
  security: ['azure', 'm365'],
};

export interface PlanWorld {
  catalog: RuleCatalog;
  rules: CompiledRules;
  area: Area;
  asOf: string;
  costs: CostTable;
}

export function makeWorld(catalog: RuleCatalog, area: Area, asOf: string, costs: CostTable): PlanWorld {
  return { catalog, rules: compileRules(catalog), area, asOf, costs };
}

/** The facts with only the usage records the area reads (scores of the area are unchanged). */
export function areaFacts(facts: PartnerFacts, area: Area): PartnerFacts {
  const kinds = KINDS[area];
  return {
    ...facts,
    customers: facts.customers.map((c) => ({ ...c, usage: c.usage.filter((u) => kinds.includes(u.kind)) })),
  };
}

/**
 * A delta in the parsed shape with the contract's defaults (the schema's, for the shapes actions
 * write). The search applies thousands of these, so this skips zod; the final plan is checked by
 * merging the raw JSON and parsing it with the real schema (plan.ts).
 */
export function toParsedDelta(delta: FactsDelta, asOf: string): ParsedDelta {
  void asOf;
  const customers = (delta.customers ?? []).map((c): Customer => ({
    tenantId: c.tenantId,
    segment: c.segment ?? 'enterprise',
    cloud: c.cloud ?? 'commercial',
    associations: c.associations ? c.associations.map(parsedAssociation) : null,
    usage: (c.usage ?? []).map(parsedRecord),
  }));
  const people = (delta.people ?? []).map((p): Person => ({
    id: p.id,
    linkedFrom: p.linkedFrom ?? '',
    linkedTo: p.linkedTo ?? null,
    certifications: p.certifications.map((c) => ({ name: c.name, earned: c.earned, expires: c.expires ?? null })),
  }));
  return { customers, people };
}

export interface ParsedDelta {
  customers: Customer[];
  /** linkedFrom '' marks a person the delta only adds certifications to. */
  people: Person[];
}

function parsedAssociation(raw: Record<string, unknown>): Association {
  return {
    type: raw.type as Association['type'],
    cporActivity: (raw.cporActivity as CporActivity | undefined) ?? null,
    workload: (raw.workload as string | undefined) ?? null,
    from: raw.from as string,
    to: (raw.to as string | null | undefined) ?? null,
  };
}

function parsedRecord(raw: Record<string, unknown>): UsageRecord {
  const base = {
    month: raw.month as string,
    association: raw.association as UsageRecord['association'],
    cporActivity: (raw.cporActivity as CporActivity | undefined) ?? null,
  };
  const text = (field: string) => raw[field] as string;
  const amount = (field: string) => raw[field] as number;
  if (raw.kind === 'azure')
    return {
      ...base,
      kind: 'azure',
      service: text('service'),
      acrUsd: amount('acrUsd'),
      offer: (raw.offer as Offer | undefined) ?? 'standard',
    };
  if (raw.kind === 'm365')
    return { ...base, kind: 'm365', workload: text('workload'), paidSeats: amount('paidSeats'), activeUsers: amount('activeUsers') };
  return { ...base, kind: 'bizapps', workload: text('workload'), revenueUsd: amount('revenueUsd'), activeUsers: amount('activeUsers') };
}

/** Applies a parsed delta with merge.ts's rule; returns new facts (the input is not changed). */
export function applyDelta(facts: PartnerFacts, delta: ParsedDelta): PartnerFacts {
  let customers = facts.customers;
  if (delta.customers.length) {
    customers = [...customers];
    for (const added of delta.customers) {
      const at = customers.findIndex((c) => c.tenantId === added.tenantId);
      if (at < 0) customers.push(added);
      else {
        const existing = customers[at] as Customer;
        customers[at] = {
          ...existing,
          usage: [...existing.usage, ...added.usage],
          associations:
            added.associations && added.associations.length
              ? [...(existing.associations ?? []), ...added.associations]
              : existing.associations,
        };
      }
    }
  }
  let people = facts.people;
  if (delta.people.length) {
    people = [...people];
    for (const added of delta.people) {
      const at = people.findIndex((p) => p.id === added.id);
      if (at < 0) {
        if (added.linkedFrom === '') throw new Error(`plan delta names person ${added.id} without linkedFrom`);
        people.push(added);
      } else {
        const existing = people[at] as Person;
        people[at] = { ...existing, certifications: [...existing.certifications, ...added.certifications] };
      }
    }
  }
  return { ...facts, customers, people };
}

export interface Evaluation {
  result: AreaResult;
  total: number;
  qualifies: boolean;
  /** Points per metric of the chosen track. */
  points: Partial<Record<MetricName, number>>;
  zeroMetrics: MetricName[];
  /** How far from qualifying: missing points to the minimum total + a penalty per metric at 0. */
  shortfall: number;
}

/** A metric at 0 blocks qualification however high the total: each weighs like this many points. */
export const ZERO_METRIC_WEIGHT = 10;
/**
 * A plan lifts every metric to at least this many points: "> 0" by a hair (a 1-cent growth on a
 * million-dollar base) would hold exactly but not for a scorer that compares with a tolerance.
 */
export const MIN_METRIC_POINTS = 0.01;

/**
 * Usage aggregated per customer and people counted per person, cached by object: the engine's
 * aggregation is a pass over each customer on its own (plus sums over tenants), so the figures of
 * customers a delta did not touch (same object, see applyDelta) are reused exactly.
 */
class FigureCache {
  private readonly tenants = new WeakMap<Customer, PartnerUsage>();
  private readonly people = new WeakMap<Person, CountedPerson>();
  constructor(private readonly world: PlanWorld) {}

  usage(facts: PartnerFacts): PartnerUsage {
    const { rules, asOf } = this.world;
    const months = scoringMonths(asOf);
    const combined: PartnerUsage = {
      months,
      tenants: [],
      azureServiceTtm: new Map(),
      azureServiceNames: new Map(),
      keys: undefined as unknown as PartnerUsage['keys'],
    };
    for (const customer of facts.customers) {
      let one = this.tenants.get(customer);
      if (!one) {
        one = aggregateUsage({ ...facts, customers: [customer] }, rules, months, false);
        this.tenants.set(customer, one);
      }
      combined.keys = one.keys;
      combined.tenants.push(...one.tenants);
      for (const [key, cents] of one.azureServiceTtm) combined.azureServiceTtm.set(key, (combined.azureServiceTtm.get(key) ?? 0) + cents);
      for (const [key, name] of one.azureServiceNames) if (!combined.azureServiceNames.has(key)) combined.azureServiceNames.set(key, name);
    }
    if (combined.keys === undefined) combined.keys = aggregateUsage({ ...facts, customers: [] }, rules, months, false).keys;
    return combined;
  }

  counted(facts: PartnerFacts): CountedPerson[] {
    const { rules, asOf } = this.world;
    return facts.people.map((person) => {
      let one = this.people.get(person);
      if (!one) {
        one = countPeople([person], rules, asOf, false)[0] as CountedPerson;
        this.people.set(person, one);
      }
      return one;
    });
  }
}

const caches = new WeakMap<PlanWorld, FigureCache>();
function cacheOf(world: PlanWorld): FigureCache {
  let cache = caches.get(world);
  if (!cache) {
    cache = new FigureCache(world);
    caches.set(world, cache);
  }
  return cache;
}

/** Aggregated usage and counted people of these facts (cached per customer and person). */
export function figuresOf(facts: PartnerFacts, world: PlanWorld): { usage: PartnerUsage; people: CountedPerson[] } {
  const cache = cacheOf(world);
  return { usage: cache.usage(facts), people: cache.counted(facts) };
}

export function evaluate(facts: PartnerFacts, world: PlanWorld): Evaluation {
  const { usage, people } = figuresOf(facts, world);
  const result = scoreAreaFrom(facts, usage, people, world.rules, world.area);
  const points: Partial<Record<MetricName, number>> = {};
  const zeroMetrics: MetricName[] = [];
  for (const name of METRIC_NAMES) {
    const metric = result.metrics[name];
    if (!metric) continue;
    points[name] = toNumber(metric.points);
    if (!isPositive(metric.points) || toNumber(metric.points) < MIN_METRIC_POINTS) zeroMetrics.push(name);
  }
  const missing = subtract(world.rules.qualifyingTotal, result.total);
  const gap = compare(missing, ZERO) > 0 ? toNumber(missing) : 0;
  return {
    result,
    total: toNumber(result.total),
    qualifies: result.qualifiesToday && zeroMetrics.length === 0,
    points,
    zeroMetrics,
    shortfall: gap + ZERO_METRIC_WEIGHT * zeroMetrics.length,
  };
}
