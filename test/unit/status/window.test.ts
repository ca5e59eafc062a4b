import { describe, expect, it } from 'vitest';

import { addYearsKeepingDay, isIsoDay } from '../../../shared/domain/status/days.js';
import { nextAnniversary, qualificationWindow, renewalEligibilityWindow, renewalWindow } from '../../../shared/domain/status/window.js';

describe('qualificationWindow (pcs-rules §3.2 examples)', () => {
  it('not enrolled: 15 Aug 2024 → 1 Mar 2024 … 15 Aug 2024', () => {
    expect(qualificationWindow('2024-08-15')).toEqual({ start: '2024-03-01', end: '2024-08-15' });
  });

  it('not enrolled: the window moves on the 1st of each month, across a year end', () => {
    expect(qualificationWindow('2024-08-31')).toEqual({ start: '2024-03-01', end: '2024-08-31' });
    expect(qualificationWindow('2024-09-01')).toEqual({ start: '2024-04-01', end: '2024-09-01' });
    expect(qualificationWindow('2025-02-10')).toEqual({ start: '2024-09-01', end: '2025-02-10' });
  });

  it('enrolled: anniversary 15 Aug 2024 → 1 Mar 2024 … 31 Aug 2024, whatever today is', () => {
    const e = { anniversary: '2024-08-15' };
    expect(qualificationWindow('2024-08-15', e)).toEqual({ start: '2024-03-01', end: '2024-08-31' });
    expect(qualificationWindow('2024-01-02', e)).toEqual({ start: '2024-03-01', end: '2024-08-31' });
    expect(qualificationWindow('2024-09-01', { anniversary: '2025-02-28' })).toEqual({ start: '2024-09-01', end: '2025-02-28' });
  });
});

describe('renewal window', () => {
  it('runs 30 days from the anniversary, the anniversary included', () => {
    expect(renewalWindow('2024-08-15')).toEqual({ start: '2024-08-15', end: '2024-09-13' });
  });

  it('eligibility covers the enrolled window extended through the renewal window (S29)', () => {
    expect(renewalEligibilityWindow('2024-08-15')).toEqual({ start: '2024-03-01', end: '2024-09-13' });
    // An anniversary early in a month: the month's end comes after the renewal window.
    expect(renewalEligibilityWindow('2024-01-01')).toEqual({ start: '2023-08-01', end: '2024-01-31' });
  });
});

describe('nextAnniversary', () => {
  it('keeps day and month and moves the year by one', () => {
    expect(nextAnniversary('2024-08-15')).toBe('2025-08-15');
    expect(nextAnniversary('2024-12-31')).toBe('2025-12-31');
  });

  it('Feb 29 becomes Feb 28 in a year without it, and stays Feb 28 after that', () => {
    expect(nextAnniversary('2024-02-29')).toBe('2025-02-28');
    expect(nextAnniversary('2025-02-28')).toBe('2026-02-28');
    expect(addYearsKeepingDay('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('days are checked for being real days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2024-13-01')).toBe(false);
    expect(isIsoDay('2024-8-1')).toBe(false);
  });
});
