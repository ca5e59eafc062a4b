// Backfill (issue 7): a first-seen partner's past days, recorded `backfilled`, count in the windows
// and monthly maxima from the first day; transitions and mails only for today.
import { describe, expect, it } from 'vitest';

import type { Area, IsoDate } from '../../../shared/domain/facts/types.js';
import { backfillDays, needsBackfill } from '../../../shared/domain/status/backfill.js';
import { addDays } from '../../../shared/domain/status/days.js';
import { advanceDesignations, DesignationInputError } from '../../../shared/domain/status/machine.js';
import { type AdvanceInput, type BackfillDay, type EnrollmentFact } from '../../../shared/domain/status/types.js';
import { designationView } from '../../../shared/domain/status/view.js';
import { fact, results, Sim } from './sim.js';

/** Every day from `from` to the day before `today`, qualifying in `qualifies` on the days listed. */
function pastDays(from: IsoDate, today: IsoDate, qualifying: Record<IsoDate, Area[]> = {}): BackfillDay[] {
  const out: BackfillDay[] = [];
  for (let d = from; d < today; d = addDays(d, 1)) out.push({ day: d, areaResults: results(qualifying[d] ?? []) });
  return out;
}

function firstRun(today: IsoDate, backfill: BackfillDay[], enrollmentFact: EnrollmentFact | null = null, qualifiesToday: Area[] = []) {
  const input: AdvanceInput = {
    partnerId: 'p1',
    today,
    areaResults: results(qualifiesToday),
    classifiedAzureTrack: 'smb',
    enrollmentFact,
    backfill,
  };
  return advanceDesignations(null, input);
}

describe('backfillDays', () => {
  it('covers the current month and the five before it, up to yesterday (pcs-rules §3.2)', () => {
    const days = backfillDays('2024-08-15');
    expect(days[0]).toBe('2024-03-01');
    expect(days.at(-1)).toBe('2024-08-14');
    expect(days).toHaveLength(167);
  });
  it('reaches back to a renewal eligibility window that starts earlier (renewal due on the first day, §3.2, §3.4)', () => {
    expect(backfillDays('2024-09-05', '2024-08-20')[0]).toBe('2024-03-01'); // window of the 2024-08 anniversary
    expect(backfillDays('2024-09-05', '2025-08-20')[0]).toBe('2024-04-01'); // a far anniversary changes nothing
    expect(backfillDays('2024-09-25', '2024-08-20')[0]).toBe('2024-04-01'); // that renewal window has closed
  });
});

describe('a first-seen partner with backfilled days', () => {
  it('is Qualified on its first day from a past qualifying day in the window, with one transition today (§3.2)', () => {
    const r = firstRun('2024-08-15', pastDays('2024-03-01', '2024-08-15', { '2024-05-20': ['security'] }));
    expect(r.state.areas.security.status).toBe('qualified');
    expect(r.transitions).toEqual([
      expect.objectContaining({
        area: 'security',
        day: '2024-08-15',
        from: 'inProgress',
        to: 'qualified',
        cause: 'qualifying-day-in-window',
      }),
    ]);
    expect(r.outbox.map((e) => [e.id, e.day])).toEqual([['p1:security:qualified:2024-08-15', '2024-08-15']]);
    const history = r.state.areas.security.history;
    expect(history.find((d) => d.day === '2024-05-20')).toEqual({ day: '2024-05-20', total: 75, qualifies: true, backfilled: true });
    expect(history.at(-1)).toEqual({ day: '2024-08-15', total: 50, qualifies: false });
  });

  it('shows the monthly maxima of all six months from the first day (§3.2 "scoring history")', () => {
    const r = firstRun('2024-08-15', pastDays('2024-03-01', '2024-08-15', { '2024-05-20': ['security'] }));
    expect(designationView(r.state).areas.find((a) => a.area === 'security')?.monthlyMaxima).toEqual([
      { month: '2024-03', maxTotal: 50, qualified: false },
      { month: '2024-04', maxTotal: 50, qualified: false },
      { month: '2024-05', maxTotal: 75, qualified: true },
      { month: '2024-06', maxTotal: 50, qualified: false },
      { month: '2024-07', maxTotal: 50, qualified: false },
      { month: '2024-08', maxTotal: 50, qualified: false },
    ]);
  });

  it('a qualifying day before the window does not count (§3.2)', () => {
    const r = firstRun('2024-08-15', pastDays('2024-02-01', '2024-08-15', { '2024-02-29': ['security'] }));
    expect(r.state.areas.security.status).toBe('inProgress');
    expect(r.transitions).toEqual([]);
  });

  it('enrolled elsewhere: a backfilled qualifying day after the enrollment fact enrolls automatically today; one the fact saw does not (§3.3)', () => {
    const enrolled = fact('2024-06-01', '2025-06-01', ['modernWork']);
    const r = firstRun(
      '2024-08-15',
      pastDays('2024-03-01', '2024-08-15', { '2024-05-10': ['security'], '2024-07-10': ['dataAi'] }),
      enrolled,
    );
    expect(r.state.areas.dataAi).toMatchObject({
      status: 'enrolled',
      cause: 'automatic-enrollment',
      enrollment: { source: 'automatic', since: '2024-08-15' },
    });
    expect(r.state.areas.security).toMatchObject({ status: 'qualified', cause: 'qualifying-day-in-window', enrollment: null });
    expect(r.transitions.map((t) => [t.area, t.day, t.cause])).toEqual([
      ['modernWork', '2024-08-15', 'enrollment-fact'],
      ['dataAi', '2024-08-15', 'automatic-enrollment'],
      ['security', '2024-08-15', 'qualifying-day-in-window'],
    ]);
  });

  it('renewal due on the first day: a backfilled qualifying day of the enrolled window makes it eligible (§3.2, §3.4)', () => {
    const r = firstRun(
      '2024-09-05',
      pastDays('2024-03-01', '2024-09-05', { '2024-03-12': ['modernWork'] }),
      fact('2024-09-01', '2024-08-20', ['modernWork']),
    );
    expect(r.state.areas.modernWork.status).toBe('renewalDue');
    expect(r.outbox).toEqual([expect.objectContaining({ status: 'renewalDue', day: '2024-09-05', eligibleToRenew: true })]);
    expect(designationView(r.state).areas.find((a) => a.area === 'modernWork')?.eligibleToRenew).toBe(true);
    // Without the backfilled day it could not renew: the backfill is what makes this true.
    const without = firstRun('2024-09-05', pastDays('2024-03-01', '2024-09-05'), fact('2024-09-01', '2024-08-20', ['modernWork']));
    expect(without.outbox).toEqual([expect.objectContaining({ status: 'renewalDue', eligibleToRenew: false })]);
  });

  it('is ignored once the partner has a real day before today, and never replaces a real result', () => {
    const sim = new Sim();
    sim.day('2024-08-14');
    expect(needsBackfill(sim.state, '2024-08-15')).toBe(false);
    const r = advanceDesignations(sim.state, {
      partnerId: 'p1',
      today: '2024-08-15',
      areaResults: results(),
      classifiedAzureTrack: 'smb',
      backfill: pastDays('2024-08-01', '2024-08-15', { '2024-08-10': ['security'], '2024-08-14': ['security'] }),
    });
    expect(r.state.areas.security.history.map((d) => d.day)).toEqual(['2024-08-14', '2024-08-15']);
    expect(r.state.areas.security.status).toBe('inProgress');
  });

  it('is redone on the first day (an import in several messages): the last facts win, and the result is the same as one run', () => {
    const backfill = pastDays('2024-03-01', '2024-08-15', { '2024-05-20': ['security'] });
    const partial = firstRun('2024-08-15', pastDays('2024-03-01', '2024-08-15'));
    expect(needsBackfill(partial.state, '2024-08-15')).toBe(true);
    const full = advanceDesignations(partial.state, {
      partnerId: 'p1',
      today: '2024-08-15',
      areaResults: results(),
      classifiedAzureTrack: 'smb',
      backfill,
    });
    expect(full.transitions).toEqual([expect.objectContaining({ area: 'security', to: 'qualified', cause: 'qualifying-day-in-window' })]);
    const once = firstRun('2024-08-15', backfill);
    expect(full.state.areas.security.history).toEqual(once.state.areas.security.history);
    expect(full.state.areas.security.status).toBe(once.state.areas.security.status);
    // The same input again: nothing new.
    const again = advanceDesignations(full.state, {
      partnerId: 'p1',
      today: '2024-08-15',
      areaResults: results(),
      classifiedAzureTrack: 'smb',
      backfill,
    });
    expect(again.state).toEqual(full.state);
    expect(again.transitions).toEqual([]);
  });

  it('ignores days not before today', () => {
    const r = firstRun('2024-08-15', [
      { day: '2024-08-15', areaResults: results(['security']) },
      { day: '2024-08-16', areaResults: results(['security']) },
    ]);
    expect(r.state.areas.security.history).toEqual([{ day: '2024-08-15', total: 50, qualifies: false }]);
    expect(r.state.areas.security.status).toBe('inProgress');
  });

  it('rejects a malformed backfill, naming the field', () => {
    expect(() => firstRun('2024-08-15', [{ day: '2024-02-30', areaResults: results() }])).toThrow(DesignationInputError);
    expect(() => firstRun('2024-08-15', [{ day: '2024-02-30', areaResults: results() }])).toThrow('input.backfill[0].day');
    const bad = [{ day: '2024-08-01', areaResults: { security: { total: 'x', qualifies: true } } }] as unknown as BackfillDay[];
    expect(() => firstRun('2024-08-15', bad)).toThrow('input.backfill[0].areaResults.security.total');
  });
});
