import { describe, expect, it } from 'vitest';

import { clockOnDay } from '../../../shared/adapters/system/clock.js';

describe('clockOnDay', () => {
  it('moves real time by whole days: the day changes, the time of day and elapsed time stay real', () => {
    let real = new Date('2026-12-24T17:45:12.500Z');
    const clock = clockOnDay('2026-11-21', () => real);
    expect(clock.now().toISOString()).toBe('2026-11-21T17:45:12.500Z');
    real = new Date('2026-12-25T01:00:00.000Z'); // real midnight passed: the business day follows
    expect(clock.now().toISOString()).toBe('2026-11-22T01:00:00.000Z');
  });

  it('moves forward as well as back', () => {
    const clock = clockOnDay('2027-03-15', () => new Date('2026-11-22T08:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-03-15T08:00:00.000Z');
  });

  it('refuses what is not a day', () => {
    expect(() => clockOnDay('2026-11')).toThrow(RangeError);
    expect(() => clockOnDay('someday')).toThrow(/not a day/);
  });
});
