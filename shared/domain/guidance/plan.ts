// Gap analysis: for an area that does not qualify today, a small set of single-step actions that,
// merged into the partner's facts (merge.ts), make the area qualify by the scoring contract, at
// least cost by the cost table (docs/guidance.md, "Gap analysis").
//
// Search: greedy by shortfall removed per cost, where shortfall = points missing to the qualifying
// total + a penalty per metric at 0; candidates come from the rule catalog and the partner's facts
// (candidates-*.ts) and are scored by the real engine; step gates are looked over by composite
// candidates. Then every action whose removal keeps the area qualifying is dropped (most expensive
// first), usage amounts are shrunk to the least that still qualifies, and the drop pass runs again,
// so the plan is irredundant. Bounded by SEARCH_BOUNDS; out of bounds the plan is null with a reason.
import { toNumber } from '../calendar/rational.js';
import { parseFacts } from '../facts/schema.js';
import { type Area, AREAS, AZURE_AREAS, type PartnerFacts } from '../facts/types.js';
import type { RuleCatalog } from '../rules/catalog-schema.js';
import { scoreArea } from '../scoring/score-area.js';
import { METRIC_NAMES } from '../scoring/types.js';
import { azureCandidates } from './candidates-azure.js';
import { businessApplicationsCandidates } from './candidates-business.js';
import { modernWorkCandidates } from './candidates-modern-work.js';
import { securityCandidates } from './candidates-security.js';
import { resolveCosts } from './costs.js';
import type { Candidate, Draft, GenContext } from './draft.js';
import { freshId, personIds, tenantIds } from './facts-edit.js';
import { mergeAll } from './merge.js';
import { applyDelta, areaFacts, evaluate, type Evaluation, figuresOf, makeWorld, type PlanWorld, toParsedDelta } from './plan-state.js';
import { stuckReason } from './reasons.js';
import { withEffects } from './text.js';
import type { AreaPlan, CostTable, PartnerPlans, PlanAction } from './types.js';

export interface PlanOptions {
  /** Plan one area only (default: all six). */
  area?: Area;
  /** Overrides of the cost table's entries (DEFAULT_COSTS). */
  costs?: Partial<CostTable>;
  /** Plan on this day instead of the facts' asOf. */
  asOf?: string;
}

/** Bounds of the search per area: beyond them the plan is null with a reason. */
export const SEARCH_BOUNDS = { maxActions: 40, maxEvaluations: 3000, shrinkSteps: 24 } as const;

export function planPartner(facts: PartnerFacts, rules: RuleCatalog, options: PlanOptions = {}): PartnerPlans {
  const asOf = options.asOf ?? facts.asOf;
  const costs = resolveCosts(options.costs);
  const dated = asOf === facts.asOf ? facts : { ...facts, asOf };
  const areas: PartnerPlans['areas'] = {};
  for (const area of options.area ? [options.area] : AREAS) areas[area] = planArea(dated, rules, area, { costs, asOf });
  return { partnerId: facts.partnerId, asOf, rulesVersion: rules.rulesVersion, areas };
}

export function planArea(
  facts: PartnerFacts,
  rules: RuleCatalog,
  area: Area,
  options: { costs?: Partial<CostTable>; asOf?: string } = {},
): AreaPlan {
  const asOf = options.asOf ?? facts.asOf;
  const dated = asOf === facts.asOf ? facts : { ...facts, asOf };
  const world = makeWorld(rules, area, asOf, resolveCosts(options.costs));
  const base = areaFacts(dated, area);
  const start = evaluate(base, world);
  if (start.result.qualifiesToday) return { qualifiesToday: true, plan: [], totalAfter: start.total, cost: 0, reason: null };

  const found = new Search(world, base).run();
  if (!found.ok) return { qualifiesToday: false, plan: null, totalAfter: start.total, cost: null, reason: found.reason };

  // The plan must hold on the whole facts under the raw merge rule, exactly as outside checks merge.
  const raw = JSON.parse(JSON.stringify(dated)) as Record<string, unknown>;
  const merged = parseFacts(
    mergeAll(
      raw,
      found.drafts.map((d) => d.facts),
    ),
  );
  if (!merged.ok) throw new Error(`plan for ${area} gives invalid facts: ${JSON.stringify(merged.errors)}`);
  const after = verified(merged.facts, world);
  if (!after.qualifies) {
    return {
      qualifiesToday: false,
      plan: null,
      totalAfter: start.total,
      cost: null,
      reason: `internal: the plan found for ${area} did not hold on the merged facts`,
    };
  }
  const plan = finalTexts(found.drafts, base, world);
  const cost = plan.reduce((sum, a) => sum + a.cost, 0);
  return { qualifiesToday: false, plan, totalAfter: after.total, cost, reason: null };
}

/** The area scored by the engine's own path (scoreArea), no cache: what the plan is judged by. */
function verified(facts: PartnerFacts, world: PlanWorld): { qualifies: boolean; total: number } {
  const result = scoreArea(facts, world.catalog, world.area, world.asOf);
  const robust = evaluate(facts, makeWorld(world.catalog, world.area, world.asOf, world.costs));
  return { qualifies: result.qualifiesToday && robust.qualifies, total: toNumber(result.total) };
}

type Found = { ok: true; drafts: Draft[] } | { ok: false; reason: string };

const EPSILON = 1e-9;
/** Ratio denominator for actions the cost table makes free. */
const MIN_COST = 1e-6;

class Search {
  private evaluations = 0;
  private readonly parsed = new WeakMap<Draft, ReturnType<typeof toParsedDelta>>();

  constructor(
    private readonly world: PlanWorld,
    private readonly base: PartnerFacts,
  ) {}

  run(): Found {
    let state = this.base;
    let current = evaluate(state, this.world);
    const drafts: Draft[] = [];
    while (!current.qualifies) {
      if (drafts.length >= SEARCH_BOUNDS.maxActions || this.evaluations >= SEARCH_BOUNDS.maxEvaluations) return this.outOfBounds(current);
      const ctx = this.context(state, current);
      let best: { candidate: Candidate; next: PartnerFacts; evaluation: Evaluation; ratio: number; reduction: number } | null = null;
      for (const candidate of withCountLookahead(ctx, generate(this.world.area, ctx))) {
        if (this.evaluations >= SEARCH_BOUNDS.maxEvaluations) return this.outOfBounds(current);
        const next = this.apply(state, candidate);
        const evaluation = this.evaluate(next);
        const reduction = current.shortfall - evaluation.shortfall;
        if (reduction <= EPSILON) continue;
        const cost = candidate.reduce((s, d) => s + d.cost, 0);
        const ratio = reduction / Math.max(cost, MIN_COST);
        if (!best || ratio > best.ratio + EPSILON || (Math.abs(ratio - best.ratio) <= EPSILON && reduction > best.reduction)) {
          best = { candidate, next, evaluation, ratio, reduction };
        }
      }
      if (!best) return { ok: false, reason: stuckReason(ctx) };
      drafts.push(...best.candidate);
      state = best.next;
      current = best.evaluation;
    }
    let plan = this.prune(drafts);
    plan = this.shrink(plan);
    return { ok: true, drafts: this.prune(plan) };
  }

  private outOfBounds(current: Evaluation): Found {
    const zero = current.zeroMetrics.length ? `; metrics still at 0: ${current.zeroMetrics.join(', ')}` : '';
    return {
      ok: false,
      reason: `search bounds reached (${SEARCH_BOUNDS.maxActions} actions, ${SEARCH_BOUNDS.maxEvaluations} evaluations) at total ${round(current.total)}${zero}`,
    };
  }

  private context(state: PartnerFacts, evaluation: Evaluation): GenContext {
    const { usage, people } = figuresOf(state, this.world);
    return {
      world: this.world,
      facts: state,
      usage,
      people,
      evaluation,
      tenants: tenantIds(state),
      personIds: personIds(state),
    };
  }

  private evaluate(facts: PartnerFacts): Evaluation {
    this.evaluations++;
    return evaluate(facts, this.world);
  }

  private apply(state: PartnerFacts, drafts: readonly Draft[]): PartnerFacts {
    let facts = state;
    for (const draft of drafts) {
      let delta = this.parsed.get(draft);
      if (!delta) {
        delta = toParsedDelta(draft.facts, this.world.asOf);
        this.parsed.set(draft, delta);
      }
      facts = applyDelta(facts, delta);
    }
    return facts;
  }

  private qualifies(drafts: readonly Draft[]): boolean {
    return this.evaluate(this.apply(this.base, drafts)).qualifies;
  }

  /** Drops actions (most expensive first) while the rest still qualifies: the result is irredundant. */
  private prune(drafts: Draft[]): Draft[] {
    let plan = drafts;
    let changed = true;
    while (changed) {
      changed = false;
      const order = plan.map((d, i) => ({ d, i })).sort((a, b) => b.d.cost - a.d.cost || b.i - a.i);
      for (const { i } of order) {
        const without = plan.filter((_, k) => k !== i);
        if (this.qualifies(without)) {
          plan = without;
          changed = true;
          break;
        }
      }
    }
    return plan;
  }

  /** Each usage amount down to the least that still qualifies (binary search on its granularity). */
  private shrink(drafts: Draft[]): Draft[] {
    const plan = [...drafts];
    plan.forEach((draft, i) => {
      const resize = draft.resize;
      if (!resize) return;
      let low = 0;
      let high = resize.amount;
      let best = draft;
      for (let step = 0; step < SEARCH_BOUNDS.shrinkSteps && high - low > resize.granularity; step++) {
        const mid = Math.round((low + high) / 2 / resize.granularity) * resize.granularity;
        if (mid <= low || mid >= high) break;
        const smaller = resize.build(mid);
        if (smaller.resize && smaller.resize.amount >= best.resize!.amount) break;
        const trial = [...plan];
        trial[i] = smaller;
        if (this.qualifies(trial)) {
          high = mid;
          best = smaller;
          plan[i] = smaller;
        } else low = mid;
      }
    });
    return plan;
  }
}

/** Look-ahead of a count difference at or below 0: this many distinct tenants at most in one composite. */
const MAX_COUNT_LOOKAHEAD = 30;

/**
 * A count metric (net customer adds, deployments) whose value is v ≤ 0 earns nothing until 1 − v more
 * tenants count: add the composite of the cheapest 1 − v single steps on distinct tenants, topped up
 * with new customers, so the greedy sees the points it leads to.
 */
function withCountLookahead(ctx: GenContext, candidates: Candidate[]): Candidate[] {
  const out = [...candidates];
  for (const metric of ['netCustomerAdds', 'deployments'] as const) {
    const m = ctx.evaluation.result.metrics[metric];
    if (!m || m.value === null || m.points.n !== 0n) continue;
    const need = 1 - Math.floor(toNumber(m.value));
    if (need <= 1 || need > MAX_COUNT_LOOKAHEAD) continue;
    const singles = candidates.filter((c) => c.length === 1 && c[0]!.metric === metric).map((c) => c[0]!);
    singles.sort((a, b) => a.cost - b.cost);
    const picked: Draft[] = [];
    const tenants = new Set<string>();
    for (const d of singles) {
      if (picked.length >= need || d.kind === 'newCustomer' || d.detail.kind === 'certification') continue;
      if (tenants.has(d.detail.tenantId)) continue;
      tenants.add(d.detail.tenantId);
      picked.push(d);
    }
    const fresh = singles.find((d) => d.renew);
    for (let k = 0; picked.length < need && fresh?.renew; k++) picked.push(fresh.renew(freshId('plan-customer', ctx.tenants, k)));
    if (picked.length === need) out.push(picked);
  }
  return out;
}

function generate(area: Area, ctx: GenContext): Candidate[] {
  if ((AZURE_AREAS as readonly Area[]).includes(area)) return azureCandidates(ctx);
  if (area === 'businessApplications') return businessApplicationsCandidates(ctx);
  if (area === 'modernWork') return modernWorkCandidates(ctx);
  return securityCandidates(ctx);
}

/**
 * The public actions, in plan order, each sentence ending with the points it adds (given the actions
 * before it). An action that adds nothing to the metric it was aimed at but lifts another (a usage
 * increase that crosses a floor) is listed under the metric it lifts most.
 */
function finalTexts(drafts: readonly Draft[], base: PartnerFacts, world: PlanWorld): PlanAction[] {
  let facts = base;
  let before = evaluate(facts, world);
  return drafts.map((draft) => {
    facts = applyDelta(facts, toParsedDelta(draft.facts, world.asOf));
    const after = evaluate(facts, world);
    const effects = METRIC_NAMES.flatMap((metric) => {
      const points = (after.points[metric] ?? 0) - (before.points[metric] ?? 0);
      return Math.abs(points) > EPSILON ? [{ metric, points }] : [];
    });
    before = after;
    const own = effects.find((e) => e.metric === draft.metric);
    const main = own && own.points > 0 ? own : [...effects].sort((a, b) => b.points - a.points)[0];
    const metric = main && main.points > 0 ? main.metric : draft.metric;
    const ordered = [...effects].sort((a, b) => (a.metric === metric ? -1 : b.metric === metric ? 1 : 0));
    const shown = ordered.length ? ordered : [{ metric, points: 0 }];
    return {
      kind: draft.kind,
      metric,
      text: withEffects(draft.text, metric === draft.metric ? (draft.step ?? null) : null, shown),
      facts: draft.facts,
      cost: draft.cost,
      detail: draft.detail,
    };
  });
}

const round = (n: number) => Math.round(n * 100) / 100;
