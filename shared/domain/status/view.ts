// What Partner Center shows per area (pcs-rules §3.1, §3.2): status, window dates, the highest score
// of each of the last six months, and for enrolled areas the anniversary and renewal window.
import { type Area, AREAS, type IsoDate, type Track } from '../facts/types.js';
import { daysBetween } from './days.js';
import { AZURE_AREAS, eligibleToRenew } from './machine.js';
import {
  type DesignationState,
  type EnrollmentSource,
  type MonthlyMax,
  type Status,
  STATUS_LABELS,
  type TransitionCause,
} from './types.js';
import { type DayRange, qualificationWindow, renewalWindow } from './window.js';

export interface AreaView {
  area: Area;
  status: Status;
  label: string;
  since: IsoDate;
  cause: TransitionCause | null;
  /** Not enrolled: the rolling window; enrolled: anniversary month and the five before it. */
  window: DayRange;
  monthlyMaxima: MonthlyMax[];
  enrollmentSource: EnrollmentSource | null;
  anniversary: IsoDate | null;
  /** Negative inside the renewal window. */
  daysUntilAnniversary: number | null;
  renewalWindow: DayRange | null;
  eligibleToRenew: boolean | null;
  /** Azure areas of an enrolled partner: the frozen track. */
  frozenAzureTrack: Track | null;
}

export interface DesignationView {
  partnerId: string;
  asOf: IsoDate;
  areas: AreaView[];
}

/** The display of a state, as of its `lastDay` (the day the statuses are for). */
export function designationView(state: DesignationState): DesignationView {
  const asOf = state.lastDay;
  const e = state.enrollment;
  return {
    partnerId: state.partnerId,
    asOf,
    areas: AREAS.map((area): AreaView => {
      const a = state.areas[area];
      const enrolled = a.enrollment !== null && e !== null;
      return {
        area,
        status: a.status,
        label: STATUS_LABELS[a.status],
        since: a.since,
        cause: a.cause,
        window: qualificationWindow(asOf, enrolled ? e : null),
        monthlyMaxima: a.monthlyMaxima,
        enrollmentSource: a.enrollment?.source ?? null,
        anniversary: enrolled ? e.anniversary : null,
        daysUntilAnniversary: enrolled ? daysBetween(asOf, e.anniversary) : null,
        renewalWindow: enrolled ? renewalWindow(e.anniversary) : null,
        eligibleToRenew: enrolled ? eligibleToRenew(a, e.anniversary, asOf) : null,
        frozenAzureTrack: enrolled && AZURE_AREAS.includes(area) ? e.azureTrack : null,
      };
    }),
  };
}
