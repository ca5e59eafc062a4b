// Backfill (issue 7): a partner seen for the first time has no history, so its windows and monthly
// maxima would be empty for up to six months although its facts already say how it scored. The
// pipeline scores each past day of the window as it would have scored it on that day (per day, not
// per month end: the scoring as-of lags before the data-complete day, so days of one month can
// differ) and hands the results to the machine, which records them `backfilled` before settling
// today. Backfilled days feed windows and maxima like real days; transitions (and mails) are only
// ever made for today, from the statuses those days imply.
import type { Area, IsoDate } from '../facts/types.js';
import { addDays, firstOfMonth, minDay } from './days.js';
import { historyStart, upsertDay } from './history.js';
import { LIFECYCLE_RULES } from './rules.js';
import type { BackfillDay, DayResult, DesignationState } from './types.js';
import { renewalEligibilityWindow } from './window.js';

/**
 * The days to backfill before `today`: the current month and the five before it (pcs-rules §3.2: the
 * not-enrolled window and Partner Center's six monthly maxima), reaching back further when a known
 * anniversary's renewal eligibility window starts earlier (renewal due on the first day).
 */
export function backfillDays(today: IsoDate, anniversary: IsoDate | null = null): IsoDate[] {
  let start = firstOfMonth(today, -LIFECYCLE_RULES.notEnrolledPreviousMonths);
  if (anniversary !== null) {
    const w = renewalEligibilityWindow(anniversary);
    if (w.end >= today) start = minDay(start, w.start);
  }
  const out: IsoDate[] = [];
  for (let d = start; d < today; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * True when the partner has no scored day before `today` other than backfilled ones: never seen, or
 * seen only today so far (an import in several messages recomputes several times on its first day;
 * each run backfills again from the facts as they then stand, so the last one wins).
 */
export function needsBackfill(state: DesignationState | null, today: IsoDate): boolean {
  if (state === null) return true;
  if (state.lastDay > today) return false;
  return Object.values(state.areas).every((a) => a.history.every((r) => r.backfilled === true || r.day >= today));
}

/**
 * The area's history with its backfilled days replaced by `days` (only days before `today` and within
 * the kept history; a real result for a day is never replaced by a backfilled one).
 */
export function withBackfill(history: readonly DayResult[], area: Area, days: readonly BackfillDay[], today: IsoDate): DayResult[] {
  const start = historyStart(today);
  let out = history.filter((r) => r.backfilled !== true);
  const real = new Set(out.map((r) => r.day));
  for (const b of days) {
    const r = b.areaResults[area];
    if (!r || b.day >= today || b.day < start || real.has(b.day)) continue;
    out = upsertDay(out, { day: b.day, total: r.total, qualifies: r.qualifies, backfilled: true });
  }
  return out;
}
