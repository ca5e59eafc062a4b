import type { Clock } from '../../ports/clock.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * The outside world's time, never moved (unlike the business clock, which LOCAL_TODAY may move): what
 * webhook timestamps are checked against, since an outside sender signs with its real time.
 */
export const realClock: Clock = systemClock;

const DAY_MS = 86_400_000;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(day: string): number {
  const target = Date.parse(`${day}T00:00:00Z`);
  if (!DAY_RE.test(day) || Number.isNaN(target) || new Date(target).toISOString().slice(0, 10) !== day)
    throw new RangeError(`not a day (YYYY-MM-DD): "${day}"`);
  return target;
}

/** A business clock whose day can be moved while it runs (the local stack's POST /admin/clock). */
export interface MovableClock extends Clock {
  /** Today (UTC) as this clock says it: YYYY-MM-DD. */
  today(): string;
  /** Moves the clock so that today is `day`; time of day and elapsed time stay real. */
  setDay(day: string): void;
}

/**
 * Real time moved by whole days so that today (UTC) is `day`: time of day and elapsed time stay real.
 * For replaying sample data on the day it was written for (the local stack's LOCAL_TODAY). Without a day,
 * the real date (until setDay moves it).
 */
export function clockOnDay(day?: string, real: () => Date = () => new Date()): MovableClock {
  let offset = 0;
  const clock: MovableClock = {
    now: () => new Date(real().getTime() + offset),
    today: () => clock.now().toISOString().slice(0, 10),
    setDay(to) {
      const target = parseDay(to);
      const realNow = real().getTime();
      offset = target - (realNow - (realNow % DAY_MS));
    },
  };
  if (day !== undefined) clock.setDay(day);
  return clock;
}

/** A clock that stays where it is put (tests, replays). */
export function fixedClock(at: Date | string): Clock & { set(to: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current.getTime()),
    set(to) {
      current = new Date(to);
    },
  };
}
