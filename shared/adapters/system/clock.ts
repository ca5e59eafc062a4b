import type { Clock } from '../../ports/index.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * The outside world's time, never moved (unlike the business clock, which LOCAL_TODAY may move): what
 * webhook timestamps are checked against, since an outside sender signs with its real time.
 */
export const realClock: Clock = systemClock;

const DAY_MS = 86_400_000;

/**
 * Real time moved by whole days so that today (UTC) is `day`: time of day and elapsed time stay real.
 * For replaying sample data on the day it was written for (the local stack's LOCAL_TODAY).
 */
export function clockOnDay(day: string, real: () => Date = () => new Date()): Clock {
  const target = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(target)) throw new RangeError(`not a day (YYYY-MM-DD): "${day}"`);
  const realNow = real().getTime();
  const offset = target - (realNow - (realNow % DAY_MS));
  return { now: () => new Date(real().getTime() + offset) };
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
