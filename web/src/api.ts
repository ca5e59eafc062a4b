// The page's only way to the API: same origin, JSON, the key (if any) as x-functions-key. The API is
// called first without asking; a 401 asks for a key (kept in sessionStorage for this tab), a 403 says
// the key has no access.

// The API's types are the server's own (type-only imports: nothing of shared/ is bundled).
import type { PartnerMail } from '../../shared/api/mails.js';
import type { PartnerListArea } from '../../shared/api/partners.js';
import type { MetricExplanation, PersonEntry, TenantEntry } from '../../shared/domain/scoring/explanation.js';
import type { Status } from '../../shared/domain/status/types.js';

export type { Status };
export type Mail = PartnerMail;

export const AREAS = ['dataAi', 'infrastructure', 'digitalAppInnovation', 'businessApplications', 'modernWork', 'security'] as const;
export type Area = (typeof AREAS)[number];

export const AREA_LABELS: Record<Area, string> = {
  dataAi: 'Data & AI',
  infrastructure: 'Infrastructure',
  digitalAppInnovation: 'Digital & App Innovation',
  businessApplications: 'Business Applications',
  modernWork: 'Modern Work',
  security: 'Security',
};

/** The list filter's statuses: the four of the status machine and the nightly's at-risk finding. */
export const FILTER_STATUSES = ['inProgress', 'qualified', 'enrolled', 'renewalDue', 'atRisk'] as const;
export type FilterStatus = (typeof FILTER_STATUSES)[number];
export const STATUS_TEXT: Record<FilterStatus, string> = {
  inProgress: 'In progress',
  qualified: 'Qualified',
  enrolled: 'Enrolled',
  renewalDue: 'Renewal due',
  atRisk: 'At risk',
};

export const PASS_MARK = 70;

export type ListArea = PartnerListArea;
export interface ListPartner {
  partnerId: string;
  name?: string;
  asOf: string | null;
  today: string | null;
  areas: ListArea[];
}
export interface PartnerPage {
  partners: ListPartner[];
  continuation: string | null;
}
export type StatusCounts = Record<FilterStatus, number>;
export interface Summary {
  partners: number;
  areas: Partial<Record<Area, Partial<StatusCounts>>>;
}
export interface Me {
  admin: boolean;
  partners: string[] | null;
  via?: string;
}

export interface DayRange {
  start: string;
  end: string;
}
export interface MetricScore {
  /** null when the metric has nothing to measure (e.g. growth without a base month). */
  value: number | null;
  points: number;
  maxPoints: number;
}
export interface AtRisk {
  month: string;
  forecastAsOf: string;
  total: number;
  metric: string;
  reason: string;
}
export interface MonthlyMax {
  month: string;
  maxTotal: number | null;
  qualified: boolean;
}
export interface DetailArea {
  area: Area;
  status: Status;
  label: string;
  cause: string | null;
  since: string;
  window: DayRange;
  monthlyMaxima: MonthlyMax[];
  anniversary: string | null;
  daysUntilAnniversary: number | null;
  renewalWindow: DayRange | null;
  eligibleToRenew: boolean | null;
  score: { track: string; metrics: Record<string, MetricScore>; total: number; totalDisplay: string; qualifiesToday: boolean } | null;
  atRisk: AtRisk | null;
}
export interface Transition {
  id: string;
  area: Area;
  day: string;
  from: Status;
  to: Status;
  cause: string;
  anniversary: string | null;
}
export interface PartnerDetail {
  partnerId: string;
  name?: string;
  statusDay: string;
  scoring: { asOf: string; today: string; rulesVersion: string };
  computedAt: string;
  areas: DetailArea[];
  recentTransitions: Transition[];
}
export interface HistoryArea {
  area: Area;
  days: Array<{ day: string; total: number; qualifies: boolean; backfilled: boolean }>;
  monthlyMaxima: MonthlyMax[];
}
export interface PartnerHistory {
  statusDay: string;
  areas: HistoryArea[];
}
export interface ForecastArea {
  total: number;
  qualifiesToday: boolean;
  track?: string;
  flag: { metric: string; reason: string } | null;
}
export interface Forecast {
  asOf: string;
  areas: Record<Area, ForecastArea>;
}
export interface PlanAction {
  kind: string;
  metric: string;
  text: string;
  cost: number;
}
export interface RecommendedArea {
  qualifiesToday: boolean;
  plan: PlanAction[] | null;
  totalAfter: number;
  cost: number | null;
  reason: string | null;
  status: Status | null;
  eligibleToRenew: boolean | null;
  atRisk: AtRisk | null;
}
export interface Recommendations {
  asOf: string;
  areas: Partial<Record<Area, RecommendedArea>>;
}
export type { MetricExplanation, PersonEntry, TenantEntry };
export interface Explanations {
  asOf: string;
  explanations: Partial<Record<Area, { track: string; metrics: Record<string, MetricExplanation> }>> | null;
  omitted: string | null;
}
export interface ClaimDeadline {
  kind: string;
  lastDay: string;
  passed: boolean;
  rule: string;
}
export interface ClaimSummary {
  claimId: string;
  tenantId: string;
  solutionArea?: string;
  activity?: string;
  status: string;
  statusSince?: string;
  approvedOn?: string | null;
  confirmedOn?: string | null;
  rejection?: { reason?: string } | string | null;
  deadlines: ClaimDeadline[];
  events: number;
}
export interface ImportReport {
  id: string;
  file: string;
  startedAt: string;
  finishedAt: string;
  rows: number;
  accepted: number;
  rejected: Array<{ line: number; column: string | null; reason: string }>;
  rejectedCount: number;
  partners: string[];
  error?: string;
}

// ---------------------------------------------------------------------------------------------

export const KEY_STORAGE = 'designation-tracker.key';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

export function getKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_STORAGE);
  } catch {
    return null;
  }
}
export function setKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // private mode without storage: the key lives as long as the page
  }
  memoryKey = key;
  for (const l of keyListeners) l();
}
let memoryKey: string | null = null;
const keyListeners = new Set<() => void>();
export function onKeyChange(listener: () => void): () => void {
  keyListeners.add(listener);
  return () => keyListeners.delete(listener);
}

/** Listeners told when any call answers 401 (the app shows the key form). */
const authListeners = new Set<(path: string) => void>();
export function onAuthRequired(listener: (path: string) => void): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

export async function api<T>(path: string, params: Record<string, string | number | undefined | null> = {}): Promise<T> {
  const url = new URL(`/api/${path.replace(/^\/+/, '')}`, location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = getKey() ?? memoryKey;
  if (key) headers['x-functions-key'] = key;
  const res = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const message =
      body && typeof body === 'object' && 'error' in body && typeof (body as { error: unknown }).error === 'string'
        ? (body as { error: string }).error
        : `HTTP ${res.status}`;
    if (res.status === 401) for (const l of authListeners) l(path);
    throw new ApiError(res.status, message, path);
  }
  return body as T;
}

/** Words for an error shown in place of a section. */
export function explain(err: unknown, what: string): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return `A key is needed to see ${what}.`;
    if (err.status === 403) return `This key has no access to ${what}.`;
    if (err.status === 404) return `No ${what} (${err.message}).`;
    return `Could not load ${what}: ${err.message} (HTTP ${err.status}).`;
  }
  return `Could not load ${what}: ${err instanceof Error ? err.message : String(err)}.`;
}

export function isAtRisk(a: { atRisk?: unknown }): boolean {
  return a.atRisk !== undefined && a.atRisk !== null && a.atRisk !== false;
}
