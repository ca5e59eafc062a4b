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
  const out = history.filter((r) => r.backfilled !== true);
  const real = new Set(out.map((r) => r.day));
  // The backfilled days by day (a repeated day: the last one), merged into the day-ordered history in
  // one pass: what inserting each with upsertDay gives, without its copy per day.
  const added = new Map<IsoDate, DayResult>();
  for (const b of days) {
    const r = b.areaResults[area];
    if (!r || b.day >= today || b.day < start || real.has(b.day)) continue;
    added.delete(b.day);
    added.set(b.day, { day: b.day, total: r.total, qualifies: r.qualifies, backfilled: true });
  }
  if (added.size === 0) return out;
  if (!isDayOrdered(out)) {
    // Never expected (histories are kept in day order): insert one by one, exactly as upsertDay places them.
    let slow = out;
    for (const b of days) {
      const r = b.areaResults[area];
      if (!r || b.day >= today || b.day < start || real.has(b.day)) continue;
      slow = upsertDay(slow, { day: b.day, total: r.total, qualifies: r.qualifies, backfilled: true });
    }
    return slow;
  }
  const fill = [...added.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const merged: DayResult[] = [];
  let i = 0;
  for (const d of fill) {
    while (i < out.length && out[i]!.day <= d.day) merged.push(out[i++]!);
    merged.push(d);
  }
  while (i < out.length) merged.push(out[i++]!);
  return merged;
}

function isDayOrdered(history: readonly DayResult[]): boolean {
  for (let i = 1; i < history.length; i++) if (history[i - 1]!.day > history[i]!.day) return false;
  return true;
}
