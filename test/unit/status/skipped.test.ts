// Skipped days (the nightly job missed runs), out-of-order days and same-day corrections.
import { describe, expect, it } from 'vitest';

import { advanceDesignations } from '../../../shared/domain/status/machine.js';
import { fact, results, Sim } from './sim.js';

describe('skipped days', () => {
  it('a window that closed while the job did not run transitions on the day it closed', () => {
    const sim = new Sim();
    sim.day('2024-03-10', { qualifies: ['security'] });
    sim.days('2024-03-11', '2024-08-30');
    const r = sim.day('2024-09-03');
    expect(r.transitions).toEqual([
      expect.objectContaining({ area: 'security', day: '2024-09-01', cause: 'window-closed-without-qualifying-day', to: 'inProgress' }),
    ]);
    expect(r.outbox.map((e) => e.id)).toEqual(['p1:security:no-longer-qualified:2024-09-01']);
  });

  it('an anniversary and the whole renewal window skipped: both transitions, each on its day', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']), qualifies: [] });
    sim.day('2024-08-10');
    const r = sim.day('2024-09-20');
    expect(r.transitions.map((t) => [t.day, t.from, t.to, t.cause])).toEqual([
      ['2024-08-15', 'enrolled', 'renewalDue', 'anniversary-reached'],
      ['2024-09-14', 'renewalDue', 'inProgress', 'renewal-window-closed'],
    ]);
    // The in-window reminders of the skipped days are not sent: the area is no longer enrolled.
    expect(r.outbox.filter((e) => e.kind === 'renewal-reminder')).toEqual([]);
  });

  it('a renewal fact observed during the skipped days is applied on its day: no lapse', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']) });
    sim.day('2024-08-10');
    const r = sim.day('2024-09-20', { fact: fact('2024-08-20', '2025-08-15', ['modernWork']) });
    expect(r.transitions.map((t) => [t.day, t.to, t.cause])).toEqual([
      ['2024-08-15', 'renewalDue', 'anniversary-reached'],
      ['2024-08-20', 'enrolled', 'renewed'],
    ]);
    expect(sim.status('modernWork')).toBe('enrolled');
  });

  it('missed reminders are sent once: the latest point of the skipped span', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']) });
    sim.day('2024-06-01');
    const r = sim.day('2024-08-01'); // before-60 (06-16) and before-30 (07-16) were both missed
    expect(r.outbox.map((e) => e.id)).toEqual(['p1:modernWork:renewal-reminder:2024-08-15:before-30']);
    const again = sim.day('2024-08-30'); // before-7, due-7, due-14 missed: only due-14 (not eligible)
    expect(again.outbox.filter((e) => e.kind === 'renewal-reminder').map((e) => [e.reminder, e.day])).toEqual([['due-14', '2024-08-29']]);
  });
});

describe('days out of order and corrections', () => {
  it('an earlier day already recorded stays as known', () => {
    const sim = new Sim();
    sim.days('2024-05-01', '2024-05-12');
    const late = sim.day('2024-05-05', { qualifies: ['security'] });
    expect(late.transitions).toEqual([]);
    expect(sim.status('security')).toBe('inProgress');
    expect(sim.state?.lastDay).toBe('2024-05-12');
    expect(sim.state?.areas.security.history.find((r) => r.day === '2024-05-05')?.qualifies).toBe(false);
  });

  it('an earlier day never recorded fills the gap, judged as of the clock day', () => {
    const sim = new Sim();
    sim.day('2024-05-10');
    sim.day('2024-05-12');
    const late = sim.day('2024-05-11', { qualifies: ['security'] });
    expect(late.transitions).toEqual([expect.objectContaining({ area: 'security', day: '2024-05-12', to: 'qualified' })]);
    expect(sim.state?.lastDay).toBe('2024-05-12');
    expect(sim.state?.areas.security.history.map((r) => r.day)).toEqual(['2024-05-10', '2024-05-11', '2024-05-12']);
  });

  it('re-recording today replaces it (a late correction changes today)', () => {
    const sim = new Sim();
    sim.day('2024-05-10', { qualifies: ['security'] });
    expect(sim.status('security')).toBe('qualified');
    const corrected = sim.day('2024-05-10');
    expect(sim.status('security')).toBe('inProgress');
    // No window closed (pcs-rules §3.2: the window still runs 2023-12-01…2024-05-10): the day's own result was corrected.
    expect(corrected.transitions).toEqual([
      expect.objectContaining({ cause: 'qualifying-day-withdrawn', from: 'qualified', to: 'inProgress' }),
    ]);
    expect(corrected.outbox.map((e) => [e.id, e.kind])).toEqual([['p1:security:no-longer-qualified:2024-05-10', 'no-longer-qualified']]);
    // Flipping back the same day is told again, under a distinct id.
    const back = sim.day('2024-05-10', { qualifies: ['security'] });
    expect(back.outbox.map((e) => e.id)).toEqual(['p1:security:qualified:2024-05-10~2']);
    sim.expectOneEntryPerTransition();
  });

  it('a fact that moves the anniversary back and forth never reuses an id', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-01-10', ['modernWork']) });
    sim.day('2024-01-11', { fact: fact('2024-01-11', '2024-05-01', ['modernWork']) });
    sim.day('2024-01-12', { fact: fact('2024-01-12', '2024-01-12', ['modernWork']) });
    sim.day('2024-01-13', { fact: fact('2024-01-13', '2024-05-01', ['modernWork']) });
    expect(sim.transitions.map((t) => t.cause)).toEqual(['enrollment-fact', 'renewed', 'enrollment-fact', 'renewed']);
    sim.expectOneEntryPerTransition();
  });
});

describe('input checks', () => {
  const base = { partnerId: 'p1', today: '2024-05-10', areaResults: results(), classifiedAzureTrack: 'smb' as const };

  it('names the field and the reason', () => {
    expect(() => advanceDesignations(null, { ...base, today: '2024-02-30' })).toThrow(/input\.today: expected a UTC day/);
    expect(() => advanceDesignations(null, { ...base, areaResults: { azure: { total: 1, qualifies: true } } as never })).toThrow(
      /input\.areaResults\.azure: not an area/,
    );
    expect(() => advanceDesignations(null, { ...base, areaResults: { security: { total: Number.NaN, qualifies: true } } })).toThrow(
      /input\.areaResults\.security\.total/,
    );
    // (anniversary null with areas is a purchase on the payment day, §3.4: see issue13.test.ts)
    expect(() => advanceDesignations(null, { ...base, enrollmentFact: fact('2024-05-10', '2024-02-30', ['security']) })).toThrow(
      /input\.enrollmentFact\.anniversary/,
    );
    expect(() =>
      advanceDesignations(null, {
        ...base,
        enrollmentFact: { ...fact('2024-05-10', '2024-09-01', ['security']), observedAt: 'yesterday' },
      }),
    ).toThrow(/input\.enrollmentFact\.observedAt/);
    const { state } = advanceDesignations(null, base);
    expect(() => advanceDesignations(state, { ...base, partnerId: 'p2' })).toThrow(/input\.partnerId/);
  });

  it('a missing area records nothing for that day', () => {
    const { state } = advanceDesignations(null, { ...base, areaResults: { security: { total: 80, qualifies: true } } });
    expect(state.areas.security.history).toHaveLength(1);
    expect(state.areas.modernWork.history).toHaveLength(0);
  });
});
