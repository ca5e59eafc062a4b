import { describe, expect, it } from 'vitest';

import { addBusinessDays, businessDaysBetween, isBusinessDay, weekday } from '../../../shared/domain/claims/business-days.js';

describe('business days (Mon–Fri, UTC; holidays out of scope)', () => {
  it('knows the weekday of a day', () => {
    expect(weekday('1970-01-01')).toBe(4); // Thursday
    expect(weekday('2026-11-21')).toBe(6); // Saturday
    expect(weekday('2026-11-23')).toBe(1); // Monday
    expect(isBusinessDay('2026-11-20')).toBe(true);
    expect(isBusinessDay('2026-11-22')).toBe(false);
  });

  it('skips weekends', () => {
    expect(addBusinessDays('2026-11-16', 4)).toBe('2026-11-20'); // Mon + 4 → Fri
    expect(addBusinessDays('2026-11-20', 1)).toBe('2026-11-23'); // Fri + 1 → Mon
    expect(addBusinessDays('2026-11-20', 5)).toBe('2026-11-27'); // Fri + 5 → next Fri
    expect(addBusinessDays('2026-11-16', 14)).toBe('2026-12-04'); // Mon + 14 → Fri two weeks later
    expect(addBusinessDays('2026-11-18', 0)).toBe('2026-11-18');
  });

  it('counts from a weekend day as from the Friday before', () => {
    expect(addBusinessDays('2026-11-21', 1)).toBe('2026-11-23'); // Sat + 1 → Mon
    expect(addBusinessDays('2026-11-22', 5)).toBe('2026-11-27'); // Sun + 5 → Fri
    expect(addBusinessDays('2026-11-21', 5)).toBe(addBusinessDays('2026-11-20', 5));
  });

  it('crosses month ends, leap days and year ends', () => {
    expect(addBusinessDays('2026-01-29', 3)).toBe('2026-02-03'); // Thu → Tue across January's end
    expect(addBusinessDays('2028-02-28', 2)).toBe('2028-03-01'); // Mon + 2 → Wed across Feb 29
    expect(addBusinessDays('2026-12-30', 5)).toBe('2027-01-06'); // Wed → Wed across the year end
    expect(addBusinessDays('2026-04-30', 14)).toBe('2026-05-20');
  });

  it('counts business days between two days (start excluded, end included)', () => {
    expect(businessDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(businessDaysBetween('2026-11-16', '2026-12-04')).toBe(14);
    expect(businessDaysBetween('2026-11-23', '2026-11-20')).toBe(0);
    for (const start of ['2026-11-16', '2026-11-21', '2026-12-30', '2028-02-27']) {
      for (let n = 0; n <= 20; n++) expect(businessDaysBetween(start, addBusinessDays(start, n))).toBe(n);
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addBusinessDays('2026-11-16', -1)).toThrow(RangeError);
    expect(() => addBusinessDays('2026-11-16', 1.5)).toThrow(RangeError);
  });
});
