// The designation status machine, per partner and area (pcs-rules.md §3; issue 4). Pure: plain data
// in, plain data out; the only clock is `input.today`.
//
// Statuses: inProgress → qualified (the window holds a qualifying day) → enrolled (an enrollment fact,
// or automatically) → renewalDue (anniversary … anniversary + 29) → enrolled again (renewed) or lapsed
// (back to qualified / inProgress by the not-enrolled window).
//
// Decisions where the sources are silent (each also noted where it is made):
// - Clock. `state.lastDay` is the latest day processed and never moves back. A run for a later day
//   first steps through every skipped day, so windows that closed and anniversaries that passed
//   while the job did not run transition on the day they happened, with their own cause. Skipped
//   days have no results (nothing is invented for them).
// - History. Each run records the day's result per area. Re-recording the current `lastDay` replaces
//   it (a late correction changes today); a result for an earlier day that is already known is
//   ignored (earlier days stay as known); one for an earlier day never recorded fills the gap and
//   the statuses are re-evaluated as of `lastDay`.
// - Backfill (backfill.ts). A partner seen for the first time gets its past days' results, recorded
//   `backfilled`; only today is settled, so the first day's statuses (and their one transition each)
//   follow from them and no past day makes a transition or a mail.
// - Same-day corrections (cause `qualifying-day-withdrawn`). Only a re-recorded result (today's, or a
//   re-done backfill) can take a qualifying day away; the window closing is a month start moving past
//   the last qualifying day. A status that falls back because a result recorded before this run
//   qualified in today's window and no longer does says so, not "window closed". An automatic
//   enrollment made today whose qualifying day is withdrawn today is undone (it was the product's own
//   conclusion from that result; §3.1's "stays Enrolled whatever the score does" is about designations
//   Partner Center enrolled, or earlier days' conclusions).
// - Enrollment facts are authoritative and applied once, by `observedAt` (a fact not newer than the
//   last applied one is ignored), on the day observed (clamped into the days this run covers).
//   `anniversary` is the next anniversary: the day the renewal window opens (as in §3.2's example).
//   A fact that moves the anniversary forward for an enrolled area is a renewal (cause `renewed`),
//   whatever the eligibility: Partner Center decided. Areas a fact does not list are withdrawn —
//   except an automatic enrollment made after the fact was observed (the fact could not know it).
//   A fact that lists areas but names no anniversary (`anniversary: null`) is a purchase or a renewal
//   paid on `paidOn` (else the observed day) when the partner is not enrolled or is in the renewal
//   window: the next anniversary is 365 days after the payment (§3.4 [S14]); before the anniversary
//   it keeps the current one. A fact observed after the renewal window closed (anniversary + 30 or
//   later, the lapse day) is not a renewal: the areas lapse that day first, then the fact is a new
//   enrollment (two transitions: lapsed, then enrolled). A fact whose anniversary's renewal window
//   had already closed when it was observed is ignored (imports refuse such rows: §3.4, issue 13).
// - Automatic enrollment (§3.3 "qualifying in another area enrolls it automatically"): while the
//   partner holds a designation (some area enrolled or renewal due), an area whose not-enrolled window
//   holds a qualifying day *after the last enrollment fact* is enrolled at the same anniversary (in
//   the renewal window it joins as renewal due). Qualifying days the last fact already saw are its
//   business: if Partner Center did not enroll the area then, we do not second-guess it. After a fact
//   withdraws an area during the enrollment year, no automatic enrollment there until the anniversary
//   moves. An area a renewal fact drops (not eligible to renew) is not blocked: it is enrolled again,
//   at the same (new) anniversary, on its next qualifying day after that fact while the partner holds
//   another area (§3.3).
// - Azure track: frozen when the partner first holds an Azure area in an enrollment year, to the
//   fact's named track, or else (§1.5 [S5]) SMB if an Azure area qualified on the SMB track on any day
//   of the qualification window (the not-enrolled window ending that day; at a renewal, the enrolled
//   window of the old anniversary through that day), Enterprise otherwise. Each day's Azure results
//   record the track they were scored on (`AreaResult.track`, default the day's classified track).
//   Only when no day of the window carries a track (states written before tracks were recorded) the
//   track classified that day is used. Refrozen at renewal; cleared when the enrollment ends. One
//   track for the three Azure areas (scoring contract).
// - Renewal window: the anniversary day inclusive through anniversary + 29; lapse on + 30.
// - Outbox: one entry per transition, id `${partnerId}:${area}:${kind}:${day}` (see outbox.ts), plus
//   renewal reminders on our own schedule (reminders.ts; Microsoft publishes none). Missed reminders
//   are not sent one per missed day: only the latest point of the skipped span, once.
//
// Where the sources conflict: rolling six-month window over the historical "30 days to enroll"
// (window.ts); the 2024 "five full calendar months" over the 2023 "five months back from the same
// day" (rules.ts); S14's "365 days after payment" for a fact without an anniversary (window.ts; a
// fact's date wins); S29's extension of the enrolled window through the renewal window counts for
// eligibility, while the window shown stays Partner Center's (window.ts).
import { type Area, AREAS, AZURE_AREAS as AZURE_AREA_LIST, type IsoDate, type Track, TRACKS } from '../facts/types.js';
import { needsBackfill, withBackfill } from './backfill.js';
import { addDays, daysBetween, isIsoDay, maxDay, minDay } from './days.js';
import { findDay, hasQualifyingDay, historyStart, latestQualifyingDay, monthlyMaxima, pruneHistory, upsertDay } from './history.js';
import { entryForTransition, kindOfCause, type OutboxEntry, outboxId, uniqueId } from './outbox.js';
import { reminderDue } from './reminders.js';
import type {
  AdvanceInput,
  AreaResult,
  AreaState,
  DayResult,
  DesignationState,
  EnrollmentFact,
  Status,
  Transition,
  TransitionCause,
} from './types.js';
import { type DayRange, nextAnniversary, qualificationWindow, renewalEligibilityWindow, renewalWindow } from './window.js';

/** The facts' Azure areas, typed as plain areas so `AZURE_AREAS.includes(area)` takes any area. */
export const AZURE_AREAS: readonly Area[] = AZURE_AREA_LIST;

/**
 * A run after a longer gap steps through only this many days before today. Older events would be
 * reported late on the first stepped day (windows need ~7 months of history at most, so the
 * resulting statuses are the same); this keeps a run bounded whatever `lastDay` is.
 */
export const MAX_CATCH_UP_DAYS = 400;

export interface AdvanceResult {
  state: DesignationState;
  /** Transitions of this run, in order. Store them with the state, in the same write. */
  transitions: Transition[];
  /** One entry per transition plus due reminders. Upsert by id, in the same write. */
  outbox: OutboxEntry[];
}

export class DesignationInputError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'DesignationInputError';
  }
}

interface Run {
  s: DesignationState;
  /** Each area's history as the run received it: tells a withdrawn result from a closed window. */
  before: Record<Area, readonly DayResult[]>;
  classified: Track;
  transitions: Transition[];
  outbox: OutboxEntry[];
}

/**
 * Advances one partner's designations to `input.today` (or re-evaluates `state.lastDay` when the
 * input is for that day or an earlier one). Idempotent: the same input twice gives the same state
 * and no new transitions or outbox entries the second time.
 */
export function advanceDesignations(state: DesignationState | null, input: AdvanceInput): AdvanceResult {
  validateInput(input);
  if (state !== null && state.partnerId !== input.partnerId) {
    throw new DesignationInputError('input.partnerId', `"${input.partnerId}" is not the state's partner "${state.partnerId}"`);
  }
  const prevLastDay = state?.lastDay ?? null;
  const now = prevLastDay === null ? input.today : maxDay(prevLastDay, input.today);
  const s = state === null ? initialState(input.partnerId, input.today) : cloneState(state);
  const before = {} as Record<Area, readonly DayResult[]>;
  for (const area of AREAS) before[area] = state?.areas[area].history ?? [];
  const run: Run = { s, before, classified: input.classifiedAzureTrack, transitions: [], outbox: [] };

  if (input.backfill && needsBackfill(state, input.today)) {
    for (const area of AREAS) s.areas[area].history = withBackfill(s.areas[area].history, area, input.backfill, input.today);
  }
  recordResults(s, input, prevLastDay, now);

  let first = prevLastDay === null || input.today <= prevLastDay ? now : addDays(prevLastDay, 1);
  if (daysBetween(first, now) > MAX_CATCH_UP_DAYS) first = addDays(now, -MAX_CATCH_UP_DAYS);
  let fact = input.enrollmentFact && isNewerFact(input.enrollmentFact, s.lastEnrollmentFact) ? input.enrollmentFact : null;
  if (fact && isPastAnniversary(fact)) fact = null;
  const factDay = fact ? minDay(maxDay(observedDay(fact), first), now) : null;

  for (let d = first; d <= now; d = addDays(d, 1)) {
    if (fact && d === factDay) {
      lapseClosedWindows(run, d); // a purchase on the lapse day is a lapse, then a new enrollment
      applyEnrollmentFact(run, fact, d);
    }
    settleDay(run, d);
  }
  queueReminders(run, prevLastDay, now);

  s.lastDay = now;
  refreshDerived(s);
  return { state: s, transitions: run.transitions, outbox: run.outbox };
}

/** Eligible to renew: qualified on a day of the enrolled window or of the renewal window, up to `today`. */
export function eligibleToRenew(area: AreaState, anniversary: IsoDate, today: IsoDate): boolean {
  const w = renewalEligibilityWindow(anniversary);
  if (today < w.start) return false;
  return hasQualifyingDay(area.history, { start: w.start, end: minDay(w.end, today) });
}

// ---------------------------------------------------------------------------------------------

function initialState(partnerId: string, today: IsoDate): DesignationState {
  const areas = {} as Record<Area, AreaState>;
  for (const area of AREAS) {
    areas[area] = {
      status: 'inProgress', // §3.1: "not started" is not a status of its own
      since: today,
      cause: null,
      sinceTransitionIds: [],
      enrollment: null,
      automaticEnrollmentBlockedFor: null,
      history: [],
      window: qualificationWindow(today),
      monthlyMaxima: [],
    };
  }
  return { version: 1, partnerId, lastDay: today, enrollment: null, lastEnrollmentFact: null, areas };
}

/**
 * A copy the run may change. Day results are never changed in place (history arrays are replaced),
 * so they are shared; everything the run assigns to is copied. (structuredClone of a year of
 * history dominated a run's cost.)
 */
function cloneState(state: DesignationState): DesignationState {
  const areas = {} as Record<Area, AreaState>;
  for (const area of AREAS) {
    const a = state.areas[area];
    areas[area] = {
      ...a,
      enrollment: a.enrollment ? { ...a.enrollment } : null,
      sinceTransitionIds: a.sinceTransitionIds.slice(),
      history: a.history.slice(),
      window: { ...a.window },
      monthlyMaxima: a.monthlyMaxima.map((m) => ({ ...m })),
    };
  }
  return {
    ...state,
    enrollment: state.enrollment ? { ...state.enrollment } : null,
    lastEnrollmentFact: state.lastEnrollmentFact ? { ...state.lastEnrollmentFact, areas: [...state.lastEnrollmentFact.areas] } : null,
    areas,
  };
}

function recordResults(s: DesignationState, input: AdvanceInput, prevLastDay: IsoDate | null, now: IsoDate): void {
  if (input.today < historyStart(now)) return; // too old to matter to any window
  for (const area of AREAS) {
    const r = input.areaResults[area];
    if (!r) continue;
    const a = s.areas[area];
    // Earlier days stay as known: only today (the clock's day or a new one) may be re-recorded.
    if (prevLastDay !== null && input.today < prevLastDay && findDay(a.history, input.today)) continue;
    const day: DayResult = { day: input.today, total: r.total, qualifies: r.qualifies };
    if (AZURE_AREAS.includes(area)) day.track = r.track ?? input.classifiedAzureTrack;
    a.history = upsertDay(a.history, day);
  }
}

function enrolledStatus(anniversary: IsoDate, day: IsoDate): Status {
  return day >= anniversary ? 'renewalDue' : 'enrolled';
}

/** Status by the not-enrolled window: Qualified while it holds a qualifying day. */
function windowStatus(a: AreaState, day: IsoDate): Status {
  return hasQualifyingDay(a.history, qualificationWindow(day)) ? 'qualified' : 'inProgress';
}

/**
 * Why a not-enrolled area falls back to In progress on `d`: the history the run received held a
 * qualifying day in today's window, so a re-recorded result withdrew it; otherwise the window's start
 * moved past the last qualifying day (§3.2).
 */
function fallBackCause(run: Run, area: Area, d: IsoDate): TransitionCause {
  return hasQualifyingDay(run.before[area], qualificationWindow(d)) ? 'qualifying-day-withdrawn' : 'window-closed-without-qualifying-day';
}

function move(run: Run, area: Area, day: IsoDate, to: Status, cause: TransitionCause, previousAnniversary: IsoDate | null): void {
  const { s } = run;
  const a = s.areas[area];
  const anniversary = a.enrollment && s.enrollment ? s.enrollment.anniversary : null;
  const taken = a.since === day ? a.sinceTransitionIds : [];
  const id = uniqueId(outboxId(s.partnerId, area, kindOfCause(cause), day), taken);
  const t: Transition = {
    id,
    partnerId: s.partnerId,
    area,
    day,
    from: a.status,
    to,
    cause,
    anniversary,
    previousAnniversary,
    source: a.enrollment?.source ?? null,
  };
  a.status = to;
  a.since = day;
  a.cause = cause;
  a.sinceTransitionIds = [...taken, id];
  // The renewal entries say whether the area could renew (a lapse: whether it could have).
  let eligible: boolean | null = null;
  if (anniversary !== null && (to === 'renewalDue' || cause === 'renewed')) eligible = eligibleToRenew(a, anniversary, day);
  if (cause === 'renewal-window-closed' && previousAnniversary !== null) eligible = eligibleToRenew(a, previousAnniversary, day);
  run.transitions.push(t);
  run.outbox.push(entryForTransition(t, eligible));
}

/** Areas whose renewal window closed before `d` lapse on `d` (§3.4). */
function lapseClosedWindows(run: Run, d: IsoDate): void {
  const { s } = run;
  const e = s.enrollment;
  if (e === null || d <= renewalWindow(e.anniversary).end) return;
  for (const area of AREAS) {
    const a = s.areas[area];
    if (!a.enrollment) continue;
    a.enrollment = null;
    move(run, area, d, windowStatus(a, d), 'renewal-window-closed', e.anniversary);
  }
  dropEnrollmentIfEmpty(s);
}

/** One day of the clock: anniversaries, lapses, automatic enrollments, windows. */
function settleDay(run: Run, d: IsoDate): void {
  const { s } = run;
  lapseClosedWindows(run, d);
  const e = s.enrollment;
  if (e !== null) {
    for (const area of AREAS) {
      const a = s.areas[area];
      if (!a.enrollment) continue;
      if (automaticEnrollmentWithdrawn(s, a, d)) {
        a.enrollment = null;
        move(run, area, d, windowStatus(a, d), 'qualifying-day-withdrawn', e.anniversary);
        unfreezeAzureTrack(s, d);
      } else if (d >= e.anniversary) {
        if (a.status !== 'renewalDue') move(run, area, d, 'renewalDue', 'anniversary-reached', null);
      } else if (a.status !== 'enrolled') {
        move(run, area, d, 'enrolled', 'enrollment-fact', null); // anniversary corrected by a fact
      }
    }
    dropEnrollmentIfEmpty(s);
  }
  for (const area of AREAS) {
    const a = s.areas[area];
    if (a.enrollment) continue;
    if (canEnrollAutomatically(s, a, d) && s.enrollment) {
      a.enrollment = { source: 'automatic', since: d };
      freezeAzureTrack(run, d, qualificationWindow(d));
      move(run, area, d, enrolledStatus(s.enrollment.anniversary, d), 'automatic-enrollment', null);
      continue;
    }
    const to = windowStatus(a, d);
    if (to !== a.status) move(run, area, d, to, to === 'qualified' ? 'qualifying-day-in-window' : fallBackCause(run, area, d), null);
  }
}

/** §3.3: the not-enrolled window holds a qualifying day the last enrollment fact did not see. */
function hasAutomaticBasis(s: DesignationState, a: AreaState, d: IsoDate): boolean {
  const lastFactDay = s.lastEnrollmentFact ? observedDay(s.lastEnrollmentFact) : null;
  return latestQualifyingDay(a.history, qualificationWindow(d), lastFactDay) !== null;
}

function canEnrollAutomatically(s: DesignationState, a: AreaState, d: IsoDate): boolean {
  const e = s.enrollment;
  if (e === null || a.automaticEnrollmentBlockedFor === e.anniversary) return false;
  return hasAutomaticBasis(s, a, d);
}

/** An automatic enrollment made on `d` whose qualifying day a same-day correction took away. */
function automaticEnrollmentWithdrawn(s: DesignationState, a: AreaState, d: IsoDate): boolean {
  return a.enrollment?.source === 'automatic' && a.enrollment.since === d && !hasAutomaticBasis(s, a, d);
}

/** Undoes a freeze made on `d` from the classified track when no Azure area is held any more. */
function unfreezeAzureTrack(s: DesignationState, d: IsoDate): void {
  const e = s.enrollment;
  if (e === null || holdsAzureArea(s) || e.azureTrackSource !== 'classified' || e.azureTrackFrozenOn !== d) return;
  e.azureTrack = null;
  e.azureTrackSource = null;
  e.azureTrackFrozenOn = null;
}

function applyEnrollmentFact(run: Run, fact: EnrollmentFact, d: IsoDate): void {
  const { s } = run;
  s.lastEnrollmentFact = { ...fact, areas: [...fact.areas] };
  const factDay = observedDay(fact);
  const prev = s.enrollment;
  const listed = new Set<Area>(fact.areas);
  const newAnniversary = listed.size > 0 ? (fact.anniversary ?? anniversaryOfUndatedFact(fact, prev, d)) : null;
  const renewal = prev !== null && newAnniversary !== null && newAnniversary > prev.anniversary;

  if (newAnniversary !== null) {
    // The frozen track holds for the enrollment year; a renewal starts a new one. A named track wins.
    const keep = prev !== null && !renewal;
    const named = fact.azureTrack;
    const sameNamed = keep && named !== null && prev.azureTrack === named && prev.azureTrackSource === 'enrollment-fact';
    s.enrollment = {
      anniversary: newAnniversary,
      azureTrack: named ?? (keep ? prev.azureTrack : null),
      azureTrackSource: named !== null ? 'enrollment-fact' : keep ? prev.azureTrackSource : null,
      azureTrackFrozenOn: sameNamed ? prev.azureTrackFrozenOn : named !== null ? d : keep ? prev.azureTrackFrozenOn : null,
    };
  }

  for (const area of AREAS) {
    const a = s.areas[area];
    const was = a.enrollment;
    if (newAnniversary !== null && listed.has(area)) {
      a.enrollment = { source: 'partner-center', since: was?.since ?? d };
      a.automaticEnrollmentBlockedFor = null;
      const to = enrolledStatus(newAnniversary, d);
      if (was && renewal) move(run, area, d, to, 'renewed', prev?.anniversary ?? null);
      else if (!was || to !== a.status) move(run, area, d, to, 'enrollment-fact', was ? (prev?.anniversary ?? null) : null);
    } else if (was) {
      // The product's own conclusion reached after the fact was observed stands until a newer fact.
      if (was.source === 'automatic' && was.since > factDay) continue;
      a.enrollment = null;
      // Dropped at a renewal (not eligible): it may join again automatically on its next qualifying
      // day after this fact (§3.3). Withdrawn during the year: Partner Center decided for the year.
      a.automaticEnrollmentBlockedFor = renewal ? null : (s.enrollment?.anniversary ?? null);
      move(run, area, d, windowStatus(a, d), 'enrollment-withdrawn', prev?.anniversary ?? null);
    }
  }
  dropEnrollmentIfEmpty(s);
  // The window the frozen track is read from: at a renewal, the old enrollment's eligibility window.
  const window = renewal && prev ? { start: renewalEligibilityWindow(prev.anniversary).start, end: d } : qualificationWindow(d);
  freezeAzureTrack(run, d, window);
}

/**
 * The anniversary of a fact that lists areas but names none: 365 days after the payment (`paidOn`,
 * else the observed day) for a purchase (not enrolled) or a renewal (in the renewal window); before
 * the anniversary, the current one (§3.4 [S14]).
 */
function anniversaryOfUndatedFact(fact: EnrollmentFact, prev: DesignationState['enrollment'], d: IsoDate): IsoDate {
  if (prev !== null && d < prev.anniversary) return prev.anniversary;
  const paid = fact.paidOn && isIsoDay(fact.paidOn) && fact.paidOn <= d ? fact.paidOn : d;
  return nextAnniversary(paid);
}

/**
 * A fact naming an anniversary whose renewal window had closed when it was observed: not a state
 * Partner Center reports (the anniversary field is the next anniversary). Ignored, rather than an
 * enrollment and a lapse on the same day (imports and POST /api/changes refuse it; issue 13).
 */
function isPastAnniversary(fact: EnrollmentFact): boolean {
  return fact.areas.length > 0 && fact.anniversary !== null && observedDay(fact) > renewalWindow(fact.anniversary).end;
}

function dropEnrollmentIfEmpty(s: DesignationState): void {
  if (s.enrollment !== null && !AREAS.some((area) => s.areas[area].enrollment !== null)) s.enrollment = null;
}

/** Some Azure area is enrolled (or renewal due). */
export function holdsAzureArea(s: DesignationState): boolean {
  return AZURE_AREAS.some((area) => s.areas[area].enrollment !== null);
}

/**
 * Freezes the Azure track the first day of an enrollment year the partner holds an Azure area:
 * SMB if an Azure area qualified on the SMB track on a day of `window`, else Enterprise (§1.5 [S5]).
 */
function freezeAzureTrack(run: Run, d: IsoDate, window: DayRange): void {
  const e = run.s.enrollment;
  if (e === null || e.azureTrack !== null) return;
  if (!holdsAzureArea(run.s)) return;
  e.azureTrack = windowAzureTrack(run.s, window) ?? run.classified;
  e.azureTrackSource = 'classified';
  e.azureTrackFrozenOn = d;
}

/**
 * The enrollment track the window's Azure days give (§1.5): SMB if one of them qualified on the SMB
 * track, else Enterprise; null when no day of the window recorded a track.
 */
export function windowAzureTrack(s: DesignationState, window: DayRange): Track | null {
  let seen = false;
  for (const area of AZURE_AREAS) {
    for (const r of s.areas[area].history) {
      if (r.day < window.start || r.day > window.end || r.track === undefined) continue;
      seen = true;
      if (r.qualifies && r.track === 'smb') return 'smb';
    }
  }
  return seen ? 'enterprise' : null;
}

function queueReminders(run: Run, prevLastDay: IsoDate | null, now: IsoDate): void {
  const { s } = run;
  const e = s.enrollment;
  if (e === null) return;
  for (const area of AREAS) {
    const a = s.areas[area];
    if (!a.enrollment) continue;
    const eligible = eligibleToRenew(a, e.anniversary, now);
    const due = reminderDue(e.anniversary, prevLastDay, now, a.enrollment.since, eligible);
    if (!due) continue;
    run.outbox.push({
      id: outboxId(s.partnerId, area, 'renewal-reminder', `${e.anniversary}:${due.reminder.id}`),
      partnerId: s.partnerId,
      area,
      kind: 'renewal-reminder',
      day: due.day,
      status: a.status,
      cause: null,
      anniversary: e.anniversary,
      eligibleToRenew: eligible,
      reminder: due.reminder.id,
    });
  }
}

/** Derived fields, as of `lastDay`: bounded history, the deciding window, monthly maxima. */
function refreshDerived(s: DesignationState): void {
  for (const area of AREAS) {
    const a = s.areas[area];
    a.history = pruneHistory(a.history, s.lastDay);
    a.window = qualificationWindow(s.lastDay, a.enrollment && s.enrollment ? s.enrollment : null);
    a.monthlyMaxima = monthlyMaxima(a.history, s.lastDay);
  }
}

// ---------------------------------------------------------------------------------------------
// Facts and input checks

function observedMs(fact: EnrollmentFact): number {
  return Date.parse(fact.observedAt);
}

/** UTC day of the observation. */
export function observedDay(fact: EnrollmentFact): IsoDate {
  return new Date(observedMs(fact)).toISOString().slice(0, 10);
}

function isNewerFact(fact: EnrollmentFact, last: EnrollmentFact | null): boolean {
  return last === null || observedMs(fact) > observedMs(last);
}

function validateInput(input: AdvanceInput): void {
  if (typeof input.partnerId !== 'string' || input.partnerId.trim() === '') {
    throw new DesignationInputError('input.partnerId', 'required: a non-empty string');
  }
  if (!isIsoDay(input.today)) {
    throw new DesignationInputError('input.today', `expected a UTC day YYYY-MM-DD, got ${JSON.stringify(input.today)}`);
  }
  if (!(TRACKS as readonly unknown[]).includes(input.classifiedAzureTrack)) {
    throw new DesignationInputError(
      'input.classifiedAzureTrack',
      `expected ${TRACKS.join(' or ')}, got ${JSON.stringify(input.classifiedAzureTrack)}`,
    );
  }
  validateAreaResults(input.areaResults, 'input.areaResults');
  if (input.backfill != null) {
    if (!Array.isArray(input.backfill)) throw new DesignationInputError('input.backfill', 'expected a list of { day, areaResults }');
    input.backfill.forEach((b, i) => {
      if (!isIsoDay(b?.day))
        throw new DesignationInputError(`input.backfill[${i}].day`, `expected a UTC day YYYY-MM-DD, got ${JSON.stringify(b?.day)}`);
      validateAreaResults(b.areaResults, `input.backfill[${i}].areaResults`);
    });
  }
  if (input.enrollmentFact != null) validateFact(input.enrollmentFact);
}

function validateAreaResults(results: Partial<Record<Area, AreaResult>>, at: string): void {
  if (typeof results !== 'object' || results === null) throw new DesignationInputError(at, 'required: an object keyed by area');
  for (const [key, r] of Object.entries(results)) {
    const field = `${at}.${key}`;
    if (!(AREAS as readonly string[]).includes(key))
      throw new DesignationInputError(field, `not an area (expected one of ${AREAS.join(', ')})`);
    if (r === undefined) continue;
    if (typeof r !== 'object' || r === null) throw new DesignationInputError(field, 'expected { total, qualifies }');
    if (typeof r.total !== 'number' || !Number.isFinite(r.total))
      throw new DesignationInputError(`${field}.total`, `expected a finite number, got ${JSON.stringify(r.total)}`);
    if (typeof r.qualifies !== 'boolean')
      throw new DesignationInputError(`${field}.qualifies`, `expected a boolean, got ${JSON.stringify(r.qualifies)}`);
    if (r.track !== undefined && !(TRACKS as readonly unknown[]).includes(r.track))
      throw new DesignationInputError(`${field}.track`, `expected ${TRACKS.join(' or ')}, got ${JSON.stringify(r.track)}`);
  }
}

function validateFact(fact: EnrollmentFact): void {
  const f = 'input.enrollmentFact';
  if (typeof fact.observedAt !== 'string' || Number.isNaN(Date.parse(fact.observedAt))) {
    throw new DesignationInputError(`${f}.observedAt`, `expected an ISO timestamp, got ${JSON.stringify(fact.observedAt)}`);
  }
  if (fact.source !== 'partner-center')
    throw new DesignationInputError(`${f}.source`, `expected "partner-center", got ${JSON.stringify(fact.source)}`);
  if (!Array.isArray(fact.areas)) throw new DesignationInputError(`${f}.areas`, 'expected a list of areas');
  for (const [i, area] of fact.areas.entries()) {
    if (!(AREAS as readonly unknown[]).includes(area))
      throw new DesignationInputError(`${f}.areas[${i}]`, `not an area: ${JSON.stringify(area)}`);
  }
  if (fact.anniversary !== null && fact.anniversary !== undefined && !isIsoDay(fact.anniversary)) {
    throw new DesignationInputError(
      `${f}.anniversary`,
      `expected a UTC day YYYY-MM-DD or null (a purchase or renewal on the payment day), got ${JSON.stringify(fact.anniversary)}`,
    );
  }
  if (fact.paidOn != null && !isIsoDay(fact.paidOn)) {
    throw new DesignationInputError(`${f}.paidOn`, `expected a UTC day YYYY-MM-DD, got ${JSON.stringify(fact.paidOn)}`);
  }
  if (fact.azureTrack !== null && !(TRACKS as readonly unknown[]).includes(fact.azureTrack)) {
    throw new DesignationInputError(`${f}.azureTrack`, `expected ${TRACKS.join(', ')} or null, got ${JSON.stringify(fact.azureTrack)}`);
  }
}
