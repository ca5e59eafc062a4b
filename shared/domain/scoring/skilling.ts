// Skilling metrics: step-gated (Azure areas, Security) and listed (Business Applications, Modern Work).
import { add, clamp, fromInteger, multiply, ZERO } from '../calendar/rational.js';
import type { Track } from '../facts/types.js';
import type { CompiledListed, CompiledRules, CompiledStepped } from '../rules/compiled.js';
import type { MetricExplanation, PersonEntry } from './explanation.js';
import { type CountedPerson, holders } from './people.js';
import { countMetric, type MetricResult } from './points.js';

export interface SkillingResult {
  result: MetricResult;
  explanation?: MetricExplanation;
}

/**
 * Enterprise: each gate needs gateMinPeople people and earns nothing; final-step people earn
 * perPerson each only when every gate is met. SMB: each gate with enough people earns gatePoints;
 * final-step points are added only when every gate is met. Capped at the metric's max.
 */
export function steppedSkilling(
  metric: CompiledStepped,
  track: Track,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  explain: boolean,
): SkillingResult {
  const t = metric.tracks[track];
  const gateHolders = metric.gates.map((gate) => holders(people, gate));
  const gatesMet = gateHolders.map((h) => h.length >= t.gateMinPeople);
  const allGatesMet = gatesMet.every(Boolean);
  const finalHolders = holders(people, metric.final);
  let points = ZERO;
  gatesMet.forEach((met) => {
    if (met) points = add(points, t.gatePoints);
  });
  if (allGatesMet) points = add(points, multiply(t.perPerson, fromInteger(finalHolders.length)));
  const result: MetricResult = {
    value: fromInteger(finalHolders.length),
    points: clamp(points, ZERO, metric.max),
    maxPoints: metric.maxPoints,
  };
  if (!explain) return { result };
  const lists = [...metric.gates, metric.final];
  const stepOf = (i: number) => (i < metric.gates.length ? `gate ${i + 1}` : 'final');
  const entries = people.map((p): PersonEntry => {
    const steps: string[] = [];
    lists.forEach((list, i) => {
      for (const c of list) if (p.linked && p.valid.has(c)) steps.push(`${stepOf(i)}: ${rules.certifications.names[c]}`);
    });
    const inFinal = finalHolders.includes(p);
    if (inFinal && !allGatesMet) return { personId: p.person.id, counted: false, reason: 'gate-not-met', certifications: steps };
    if (steps.length > 0) return { personId: p.person.id, counted: true, certifications: steps };
    return { personId: p.person.id, counted: false, reason: personReason(p, lists.flat()) };
  });
  return {
    result,
    explanation: {
      summary:
        `${track}: gates ${gateHolders.map((h, i) => `${i + 1}: ${h.length} of ${t.gateMinPeople} needed`).join(', ') || 'none'}; ` +
        `${finalHolders.length} final-step people${allGatesMet ? '' : ' (not counted: a gate is not met)'}`,
      tenants: [],
      people: entries,
    },
  };
}

export function listedSkilling(
  metric: CompiledListed,
  track: Track,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  explain: boolean,
): SkillingResult {
  const counted = holders(people, metric.certifications);
  const result = countMetric(counted.length, metric.tracks[track]);
  if (!explain) return { result };
  const entries = people.map((p): PersonEntry => {
    if (counted.includes(p)) {
      const certs = metric.certifications.filter((c) => p.valid.has(c)).map((c) => rules.certifications.names[c] ?? '');
      return { personId: p.person.id, counted: true, certifications: certs };
    }
    return { personId: p.person.id, counted: false, reason: personReason(p, metric.certifications) };
  });
  return {
    result,
    explanation: { summary: `${track}: ${counted.length} people with a listed certification`, tenants: [], people: entries },
  };
}

function personReason(p: CountedPerson, list: readonly number[]): PersonEntry['reason'] {
  if (!p.linked) return 'not-linked';
  for (const c of list) {
    const reason = p.invalid?.get(c);
    if (reason) return reason;
  }
  return 'no-listed-certification';
}

/** The customer metrics every area has, computed by the area itself. */
export interface CustomerMetrics {
  netCustomerAdds: MetricResult;
  usageGrowth: MetricResult;
  deployments: MetricResult;
}

export interface ListedSkilling {
  intermediate: SkillingResult;
  advanced: SkillingResult;
}

/** Both certification lists of an area with listed skilling (Business Applications, Modern Work). */
export function listedSkillings(
  lists: { intermediateCertifications: CompiledListed; advancedCertifications: CompiledListed },
  track: Track,
  people: readonly CountedPerson[],
  rules: CompiledRules,
  explain: boolean,
): ListedSkilling {
  return {
    intermediate: listedSkilling(lists.intermediateCertifications, track, people, rules, explain),
    advanced: listedSkilling(lists.advancedCertifications, track, people, rules, explain),
  };
}

/** The metrics of an area with listed skilling, in the contract's order. */
export function listedAreaMetrics(customer: CustomerMetrics, skilling: ListedSkilling) {
  return {
    netCustomerAdds: customer.netCustomerAdds,
    intermediateCertifications: skilling.intermediate.result,
    advancedCertifications: skilling.advanced.result,
    usageGrowth: customer.usageGrowth,
    deployments: customer.deployments,
  };
}
