import type { Clock } from '../../ports/index.js';

export const systemClock: Clock = { now: () => new Date() };

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
