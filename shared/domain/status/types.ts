// Plain data of the designation status machine. Everything here is JSON-serializable: the state
// lives in the partner's state document, transitions and outbox entries go in the same write.
import type { Area, IsoDate, Track } from '../facts/types.js';
import type { DayRange } from './window.js';

export const STATUSES = ['inProgress', 'qualified', 'enrolled', 'renewalDue'] as const;
export type Status = (typeof STATUSES)[number];

/** Partner Center's wording (pcs-rules §3.1). */
export const STATUS_LABELS: Record<Status, string> = {
  inProgress: 'In progress',
  qualified: 'Qualified',
  enrolled: 'Enrolled',
  renewalDue: 'Enrolled (Renewal due)',
};

/** One scored day of one area: the total and the score's qualifiesToday. */
export interface DayResult {
  day: IsoDate;
  total: number;
  qualifies: boolean;
  /**
   * Present (true) for a day scored after the fact, when the partner was first seen (backfill.ts):
   * it counts in windows and maxima like any day, but no transition was ever made for it.
   */
  backfilled?: true;
  /**
   * Azure areas: the track the day was scored on (AreaResult.track, else the run's classified
   * track). The frozen enrollment track is read from these (§1.5). Absent for other areas and for
   * days recorded before tracks were.
   */
  track?: Track;
}

export interface AreaResult {
  total: number;
  qualifies: boolean;
  /** Azure areas: the track this result was scored on (default: the input's classifiedAzureTrack). */
  track?: Track;
}

/** Highest total of one month (Partner Center's "scoring history"); null when no day was scored. */
export interface MonthlyMax {
  month: string;
  maxTotal: number | null;
  qualified: boolean;
}

/**
 * Enrollment and renewal as Partner Center reports them (a profile change event). Authoritative.
 * `areas: []` (anniversary may then be null) means "enrolled nowhere". `observedAt` is an ISO
 * timestamp; a fact not newer than the last one applied is ignored, so redelivery is harmless.
 * `anniversary` is the NEXT anniversary (the day the renewal window opens). Areas with
 * `anniversary: null` are a purchase or renewal paid on `paidOn` (else the observed day): the next
 * anniversary is 365 days later (§3.4 [S14]).
 */
export interface EnrollmentFact {
  anniversary: IsoDate | null;
  /** Day the payment was received, when known (only read when `anniversary` is null). */
  paidOn?: IsoDate | null;
  areas: Area[];
  azureTrack: Track | null;
  observedAt: string;
  source: 'partner-center';
}

export type EnrollmentSource = 'partner-center' | 'automatic';

export interface AreaEnrollment {
  /** partner-center: an enrollment fact lists the area; automatic: the product's own conclusion. */
  source: EnrollmentSource;
  /** Day the area became enrolled (kept through renewals). */
  since: IsoDate;
}

/** What is shared by all enrolled areas of a partner (one anniversary, one Azure track; §3.3, §3.4). */
export interface PartnerEnrollment {
  anniversary: IsoDate;
  /** Frozen Azure track for the enrollment year; null until the partner is enrolled in an Azure area. */
  azureTrack: Track | null;
  azureTrackSource: 'enrollment-fact' | 'classified' | null;
  azureTrackFrozenOn: IsoDate | null;
}

export const TRANSITION_CAUSES = [
  'qualifying-day-in-window',
  'window-closed-without-qualifying-day',
  /**
   * A same-day correction: the qualifying result that held the status (today's, or a backfilled day's)
   * was replaced by one that does not qualify. No window closed. Also undoes an automatic enrollment
   * made the same day on that result.
   */
  'qualifying-day-withdrawn',
  'enrollment-fact',
  'automatic-enrollment',
  'anniversary-reached',
  'renewed',
  'renewal-window-closed',
  'enrollment-withdrawn',
] as const;
export type TransitionCause = (typeof TRANSITION_CAUSES)[number];

export interface AreaState {
  status: Status;
  /** Day of the last transition (or the first day seen). */
  since: IsoDate;
  cause: TransitionCause | null;
  /** Ids of the transitions made on `since` (keeps ids unique when one day sees a repeat). */
  sinceTransitionIds: string[];
  enrollment: AreaEnrollment | null;
  /**
   * An enrollment fact withdrew (or overrode an automatic enrollment in) this area during the
   * enrollment year with this anniversary: no automatic enrollment there again until the anniversary
   * moves or a fact lists the area (otherwise each fresh fact and the next qualifying day would
   * flip the area back and forth).
   */
  automaticEnrollmentBlockedFor: IsoDate | null;
  /** Scored days, ascending, bounded to the current month plus the 24 before it (history.ts). */
  history: DayResult[];
  /** Derived on every call, as of `lastDay`: the window that decides the status. */
  window: DayRange;
  /** Derived: the current month plus the five before it, oldest first. */
  monthlyMaxima: MonthlyMax[];
}

export interface DesignationState {
  version: 1;
  partnerId: string;
  /** The machine's clock: the latest day processed. It never moves back. */
  lastDay: IsoDate;
  enrollment: PartnerEnrollment | null;
  /** The newest enrollment fact applied. */
  lastEnrollmentFact: EnrollmentFact | null;
  areas: Record<Area, AreaState>;
}

export interface Transition {
  /** Same as the outbox entry's id. */
  id: string;
  partnerId: string;
  area: Area;
  day: IsoDate;
  from: Status;
  to: Status;
  cause: TransitionCause;
  /** Anniversary after the transition (null when not enrolled). */
  anniversary: IsoDate | null;
  /** For renewed, lapsed, withdrawn and corrected enrollments: the anniversary before it. */
  previousAnniversary: IsoDate | null;
  source: EnrollmentSource | null;
}

export interface AdvanceInput {
  partnerId: string;
  /** The UTC calendar day this run is for (not the scoring as-of day, which lags before the 20th). */
  today: IsoDate;
  /** This day's result per area; a missing area records nothing for that day. */
  areaResults: Partial<Record<Area, AreaResult>>;
  /** The Azure track the scorer classified today (used when a freeze happens today). */
  classifiedAzureTrack: Track;
  enrollmentFact?: EnrollmentFact | null;
  /**
   * Past days' results for a partner seen for the first time (no state, or only today's run so far:
   * `needsBackfill`). Recorded as `backfilled` history before today is settled; ignored otherwise.
   * Days not before `today` are ignored.
   */
  backfill?: readonly BackfillDay[] | null;
}

/** One past day's results, scored after the fact (backfill.ts). */
export interface BackfillDay {
  day: IsoDate;
  areaResults: Partial<Record<Area, AreaResult>>;
}
