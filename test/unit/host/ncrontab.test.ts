import { describe, expect, it } from 'vitest';

import { NcrontabError, nextOccurrence, parseNcrontab } from '../../../shared/config/ncrontab.js';

const next = (expr: string, after: string) => nextOccurrence(parseNcrontab(expr), new Date(after))?.toISOString();

describe('parseNcrontab', () => {
  it('reads *, numbers, lists, ranges and steps', () => {
    const s = parseNcrontab('*/15 0,30 9-17 1 * 1-5');
    expect([...s.seconds]).toEqual([0, 15, 30, 45]);
    expect([...s.minutes]).toEqual([0, 30]);
    expect([...s.hours]).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect([...s.days]).toEqual([1]);
    expect(s.months.size).toBe(12);
    expect([...s.daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads stepped ranges, a start with a step, and names', () => {
    const s = parseNcrontab('10-40/10 5/20 0 * Jan,Jul Sun,Sat');
    expect([...s.seconds]).toEqual([10, 20, 30, 40]);
    expect([...s.minutes]).toEqual([5, 25, 45]);
    expect([...s.months]).toEqual([1, 7]);
    expect([...s.daysOfWeek].sort()).toEqual([0, 6]);
  });

  it('reads 7 as Sunday', () => {
    expect([...parseNcrontab('0 0 0 * * 7').daysOfWeek]).toEqual([0]);
  });

  it.each([
    ['0 * * * *', /6/],
    ['60 * * * * *', /outside 0-59/],
    ['* * 24 * * *', /outside 0-23/],
    ['* * * 0 * *', /outside 1-31/],
    ['*/0 * * * * *', /at least 1/],
    ['5-1 * * * * *', /backwards/],
    ['a * * * * *', /not a number/],
    ['1,,2 * * * * *', /empty/],
  ])('rejects %s', (expr, why) => {
    expect(() => parseNcrontab(expr)).toThrow(NcrontabError);
    expect(() => parseNcrontab(expr)).toThrow(why);
  });
});

describe('nextOccurrence (UTC)', () => {
  it('every minute at second 0', () => {
    expect(next('0 */1 * * * *', '2026-03-01T10:00:00.000Z')).toBe('2026-03-01T10:01:00.000Z');
    expect(next('0 */1 * * * *', '2026-03-01T10:00:59.999Z')).toBe('2026-03-01T10:01:00.000Z');
  });

  it('every second', () => {
    expect(next('* * * * * *', '2026-03-01T10:00:00.500Z')).toBe('2026-03-01T10:00:01.000Z');
  });

  it('nightly at 02:30:00, rolling over days, months and years', () => {
    expect(next('0 30 2 * * *', '2026-03-01T01:00:00Z')).toBe('2026-03-01T02:30:00.000Z');
    expect(next('0 30 2 * * *', '2026-03-01T02:30:00Z')).toBe('2026-03-02T02:30:00.000Z');
    expect(next('0 30 2 * * *', '2026-12-31T03:00:00Z')).toBe('2027-01-01T02:30:00.000Z');
  });

  it('on a day of the month, skipping months without it', () => {
    expect(next('0 0 0 31 * *', '2026-04-01T00:00:00Z')).toBe('2026-05-31T00:00:00.000Z');
    expect(next('0 0 12 29 2 *', '2026-01-01T00:00:00Z')).toBe('2028-02-29T12:00:00.000Z');
  });

  it('on weekdays only (2026-03-07 is a Saturday)', () => {
    expect(next('0 0 9 * * 1-5', '2026-03-06T10:00:00Z')).toBe('2026-03-09T09:00:00.000Z');
  });

  it('requires day and day-of-week to both match', () => {
    // The first Friday the 13th of 2026 is in February.
    expect(next('0 0 0 13 * 5', '2026-01-01T00:00:00Z')).toBe('2026-02-13T00:00:00.000Z');
  });

  it('returns undefined when no date ever matches', () => {
    expect(next('0 0 0 31 2 *', '2026-01-01T00:00:00Z')).toBeUndefined();
  });
});
