// Which day is scored (issue 4, "Which month is scored"). Partner Center's monthly data is complete by
// the DATA_COMPLETE_DAY-th (a setting, default 20). Before that day of the month the pipeline scores as
// of the last day of the previous month; from that day on, as of today. Days are UTC.
// `today` (the status machine's clock) is always the real UTC day; only the scoring as-of lags.
import type { IsoDate } from '../domain/facts/types.js';

export const DEFAULT_DATA_COMPLETE_DAY = 20;

export interface ScoringDay {
  /** The UTC calendar day of `now`. */
  today: IsoDate;
  /** The day the facts are scored as of. */
  asOf: IsoDate;
}

export function scoringDay(now: Date, dataCompleteDay: number = DEFAULT_DATA_COMPLETE_DAY): ScoringDay {
  if (Number.isNaN(now.getTime())) throw new RangeError('scoringDay: now is not a valid time');
  if (!Number.isInteger(dataCompleteDay) || dataCompleteDay < 1 || dataCompleteDay > 28) {
    throw new RangeError(`DATA_COMPLETE_DAY must be a whole number from 1 to 28, got ${dataCompleteDay}`);
  }
  const today = now.toISOString().slice(0, 10);
  if (now.getUTCDate() >= dataCompleteDay) return { today, asOf: today };
  // Day 0 of this month = the last day of the previous one (also across a year boundary).
  const lastOfPrevious = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { today, asOf: lastOfPrevious.toISOString().slice(0, 10) };
}
