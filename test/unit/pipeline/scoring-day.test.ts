import { describe, expect, it } from 'vitest';

import { scoringDay } from '../../../shared/pipeline/scoring-day.js';

const at = (iso: string) => new Date(iso);

describe('scoringDay (which month is scored)', () => {
  it('scores the last day of the previous month before the data-complete day (20th by default)', () => {
    expect(scoringDay(at('2026-11-19T23:59:59Z'))).toEqual({ today: '2026-11-19', asOf: '2026-10-31' });
    expect(scoringDay(at('2026-11-01T00:00:00Z'))).toEqual({ today: '2026-11-01', asOf: '2026-10-31' });
  });
  it('scores today from the data-complete day on', () => {
    expect(scoringDay(at('2026-11-20T00:00:00Z'))).toEqual({ today: '2026-11-20', asOf: '2026-11-20' });
    expect(scoringDay(at('2026-11-30T12:00:00Z'))).toEqual({ today: '2026-11-30', asOf: '2026-11-30' });
  });
  it('crosses the year boundary and month lengths', () => {
    expect(scoringDay(at('2027-01-01T06:00:00Z'))).toEqual({ today: '2027-01-01', asOf: '2026-12-31' });
    expect(scoringDay(at('2027-01-19T06:00:00Z'))).toEqual({ today: '2027-01-19', asOf: '2026-12-31' });
    expect(scoringDay(at('2026-12-31T23:59:59Z'))).toEqual({ today: '2026-12-31', asOf: '2026-12-31' });
    expect(scoringDay(at('2028-03-05T06:00:00Z'))).toEqual({ today: '2028-03-05', asOf: '2028-02-29' });
    expect(scoringDay(at('2027-03-05T06:00:00Z'))).toEqual({ today: '2027-03-05', asOf: '2027-02-28' });
  });
  it('uses UTC days, not local time', () => {
    expect(scoringDay(at('2026-11-20T00:30:00+02:00'))).toEqual({ today: '2026-11-19', asOf: '2026-10-31' });
  });
  it('honours DATA_COMPLETE_DAY and refuses nonsense', () => {
    expect(scoringDay(at('2026-11-05T06:00:00Z'), 5)).toEqual({ today: '2026-11-05', asOf: '2026-11-05' });
    expect(scoringDay(at('2026-11-04T06:00:00Z'), 5)).toEqual({ today: '2026-11-04', asOf: '2026-10-31' });
    expect(scoringDay(at('2026-11-01T06:00:00Z'), 1)).toEqual({ today: '2026-11-01', asOf: '2026-11-01' });
    expect(() => scoringDay(at('2026-11-01T06:00:00Z'), 0)).toThrow(/DATA_COMPLETE_DAY/);
    expect(() => scoringDay(new Date(Number.NaN))).toThrow(/valid time/);
  });
});
