// What a notification tells, decided when it is sent (after the settle delay), from the stored state:
// whether it is still true (shared/domain/status/settle.ts), and the numbers it shows — the area's
// track, total, metric points, window and anniversary, and the plan (gap analysis) when the area does
// not qualify today; for an at-risk mail the forecast and the plan that would hold the area, from the
// nightly guidance document. A claim-competing mail shows the area's numbers without a plan (what is at
// stake, not how to reach 70) and the area's status as stored now; whether its claims still compete is
// checked by the sender against the claims (shared/handlers/sendNotification.ts), not here.
import type { Area, IsoDate } from '../domain/facts/types.js';
import { planPartner } from '../domain/guidance/plan.js';
import type { MailContext, PlanAction } from '../domain/guidance/types.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import { type OutboxEntry } from '../domain/status/outbox.js';
import { type SettleVerdict, settleVerdict } from '../domain/status/settle.js';
import type { Status } from '../domain/status/types.js';
import { designationView } from '../domain/status/view.js';
import type { Clock } from '../ports/clock.js';
import type { GuidanceDoc } from './guidance.js';
import { PartnerRepository, type PartnerStore } from './partner-repository.js';
import { scoringDay } from './scoring-day.js';
import type { PartnerStateDoc } from './state-doc.js';
import { factsAsScored } from './stored-facts.js';

export interface MailContextDeps extends PartnerStore {
  clock: Clock;
  rules: RuleCatalog;
  mailSettleSeconds: number;
  dataCompleteDay: number;
}

export interface MailDecision {
  verdict: SettleVerdict;
  /** null when the partner has no state yet (the mail is then told without numbers). */
  context: MailContext | null;
  /** claim-competing: the area's designation status now (the entry's is the one when it was queued). */
  status?: Status;
}

/** Pure: the context from the state, with the plan and forecast already found. */
export function mailContextOf(
  state: PartnerStateDoc,
  area: Area,
  plan: PlanAction[] | null,
  forecast: MailContext['forecast'],
): MailContext {
  const score = state.score.areas[area];
  const view = designationView(state.designations).areas.find((a) => a.area === area);
  const metrics: MailContext['metrics'] = {};
  for (const [name, m] of Object.entries(score.metrics) as [keyof MailContext['metrics'], { points: number; maxPoints: number }][]) {
    metrics[name] = { points: m.points, maxPoints: m.maxPoints };
  }
  return {
    asOf: state.scoring.asOf,
    today: state.scoring.today,
    track: score.track,
    total: score.total,
    qualifiesToday: score.qualifiesToday,
    metrics,
    window: view ? { start: view.window.start, end: view.window.end } : { start: state.scoring.asOf, end: state.scoring.asOf },
    anniversary: view?.anniversary ?? null,
    plan,
    forecast,
  };
}

export async function decideMail(deps: MailContextDeps, entry: OutboxEntry): Promise<MailDecision> {
  const repo = new PartnerRepository(deps);
  const state = (await repo.readState(entry.partnerId))?.doc;
  if (!state) return { verdict: { send: true }, context: null };
  const verdict = settleVerdict(entry, state, deps.mailSettleSeconds, deps.clock.now());
  if (!verdict.send) return { verdict, context: null };

  if (entry.kind === 'claim-competing') {
    const status = designationView(state.designations).areas.find((a) => a.area === entry.area)?.status;
    return { verdict, context: mailContextOf(state, entry.area, [], null), ...(status ? { status } : {}) };
  }
  if (entry.kind === 'at-risk') {
    const risk = (await repo.readGuidance(entry.partnerId))?.atRisk[entry.area];
    return { verdict, context: mailContextOf(state, entry.area, risk?.plan.plan ?? null, atRiskForecast(risk)) };
  }
  const plan = state.score.areas[entry.area].qualifiesToday ? [] : await planNow(deps, repo, entry.partnerId, entry.area);
  return { verdict, context: mailContextOf(state, entry.area, plan, null) };
}

function atRiskForecast(risk: GuidanceDoc['atRisk'][Area]): MailContext['forecast'] {
  return risk ? { asOf: risk.forecastAsOf, total: risk.total, metric: risk.metric, reason: risk.reason } : null;
}

/** The plan on the partner's facts as last scored (one load: the mail is sent off the change path). */
async function planNow(deps: MailContextDeps, repo: PartnerRepository, partnerId: string, area: Area): Promise<PlanAction[] | null> {
  const loaded = await repo.load(partnerId);
  const fallbackAsOf: IsoDate = scoringDay(deps.clock.now(), deps.dataCompleteDay).asOf;
  const { facts } = factsAsScored(loaded, partnerId, fallbackAsOf);
  return planPartner(facts, deps.rules, { area }).areas[area]?.plan ?? null;
}
