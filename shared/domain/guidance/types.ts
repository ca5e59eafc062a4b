// Guidance: what would get an area to 70 (plans), where next month's score lands (forecasts), and the
// data a mail needs to explain itself. Plain, JSON-serialisable data; pure functions build it.
import type { Area, AssociationType, IsoDate, IsoMonth, Track } from '../facts/types.js';
import type { AreaScore, MetricName, PartnerScores } from '../scoring/types.js';

/** One step a person takes. */
export const ACTION_KINDS = ['certification', 'newCustomer', 'moreUsage', 'newDeployment'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * The facts an action adds, in the scoring contract's input format. Merging (see merge.ts): customers
 * with a new tenantId and people with a new id are appended; for a tenantId already present its `usage`
 * and `associations` are appended (an omitted `associations` list becomes this list); for a person id
 * already present its `certifications` are appended.
 */
export interface FactsDelta {
  customers?: Array<{
    tenantId: string;
    segment?: 'enterprise' | 'smb';
    cloud?: 'commercial';
    associations?: Array<Record<string, unknown>>;
    usage?: Array<Record<string, unknown>>;
  }>;
  people?: Array<{
    id: string;
    linkedFrom?: IsoDate;
    linkedTo?: null;
    certifications: Array<{ name: string; earned: IsoDate; expires: IsoDate | null }>;
  }>;
}

/** A usage action's tenant, the association it comes through, its month, and what and how much it adds. */
export interface UsageActionTarget {
  tenantId: string;
  association: AssociationType;
  month: IsoMonth;
  /** The service (Azure) or workload (Microsoft 365, Business Applications) of its usage. */
  name: string;
  amount: number;
  unit: UsageUnit;
}

/** What the action is about, structured so a mail can word it in any language. */
export type ActionDetail =
  | { kind: 'certification'; certification: string; personId: string; newPerson: boolean }
  | ({ kind: 'newCustomer' } & UsageActionTarget)
  | ({ kind: 'moreUsage' } & UsageActionTarget)
  | ({ kind: 'newDeployment' } & UsageActionTarget);

/** acrUsd / revenueUsd in USD; activeUsers; paidSeats (an m365 increase may carry both, see `extra`). */
export type UsageUnit = 'usd' | 'activeUsers' | 'paidSeats';

export interface PlanAction {
  kind: ActionKind;
  metric: MetricName;
  /** English, one sentence: what to do. Mails word `detail` in the partner's language. */
  text: string;
  facts: FactsDelta;
  cost: number;
  detail: ActionDetail;
}

export interface AreaPlan {
  qualifiesToday: boolean;
  /** [] when the area qualifies today; null when no plan exists within the search bounds (see reason). */
  plan: PlanAction[] | null;
  /** The area's total after merging every action's facts (today's total when plan is [] or null). */
  totalAfter: number;
  /** Sum of the actions' costs (0 for []; null when no plan). */
  cost: number | null;
  reason: string | null;
}

export interface PartnerPlans {
  partnerId: string;
  asOf: IsoDate;
  rulesVersion: string;
  areas: Partial<Record<Area, AreaPlan>>;
}

/** Costs of one step, kept as data and overridable per request (docs/guidance.md). */
export interface CostTable {
  certification: number;
  newCustomer: number;
  /** Per 1,000 USD of monthly ACR or revenue. */
  per1000Usd: number;
  /** Per 10 paid seats or active users. */
  per10SeatsOrUsers: number;
  newDeployment: number;
}

export const DEFAULT_COSTS: CostTable = {
  certification: 1,
  newCustomer: 3,
  per1000Usd: 1,
  per10SeatsOrUsers: 1,
  newDeployment: 2,
};

/** A forecast area: the contract's area score plus why it is flagged (null: no fall). */
export interface ForecastArea extends AreaScore {
  flag: { metric: MetricName; reason: string } | null;
}

export interface PartnerForecast extends Omit<PartnerScores, 'areas' | 'explanations'> {
  areas: Record<Area, ForecastArea>;
}

/**
 * What a mail shows about the area it is about, read at send time from the stored state (so what is
 * mailed is the settled state). Every field may be absent on an old queued message: templates then
 * leave the part out.
 */
export interface MailContext {
  /** The score's as-of day and the run's day. */
  asOf: IsoDate;
  today: IsoDate;
  track: Track;
  total: number;
  qualifiesToday: boolean;
  metrics: Partial<Record<MetricName, { points: number; maxPoints: number }>>;
  /** The qualification window (or renewal eligibility window when enrolled) that decides the status. */
  window: { start: IsoDate; end: IsoDate };
  anniversary: IsoDate | null;
  /** The plan that would reach (or, at risk, hold) 70; [] when nothing is needed; null when none found. */
  plan: PlanAction[] | null;
  /** For at-risk mails: the forecast day, total and the metric that drops. */
  forecast: { asOf: IsoDate; total: number; metric: MetricName; reason: string } | null;
}
