// Enrolled → Renewal due on the anniversary → renewed or lapsed (simulated clock).
import { describe, expect, it } from 'vitest';

import { nextAnniversary } from '../../../shared/domain/status/window.js';
import { fact, Sim } from './sim.js';

function enrolledPartner(anniversary = '2024-08-15'): Sim {
  const sim = new Sim();
  sim.day('2024-01-10', { fact: fact('2024-01-10', anniversary, ['modernWork']) });
  return sim;
}

describe('anniversary and renewal window', () => {
  it('Enrolled holds until the anniversary whatever the score; Renewal due on the anniversary', () => {
    const sim = enrolledPartner();
    expect(sim.status('modernWork')).toBe('enrolled');
    expect(sim.transitions).toEqual([
      expect.objectContaining({
        area: 'modernWork',
        to: 'enrolled',
        cause: 'enrollment-fact',
        anniversary: '2024-08-15',
        source: 'partner-center',
      }),
    ]);
    sim.days('2024-01-11', '2024-08-14', (d) => ({ qualifies: d === '2024-04-20' ? ['modernWork'] : [] }));
    expect(sim.status('modernWork')).toBe('enrolled');

    const r = sim.day('2024-08-15');
    expect(sim.status('modernWork')).toBe('renewalDue');
    expect(r.transitions).toEqual([
      expect.objectContaining({
        id: 'p1:modernWork:renewal-due:2024-08-15',
        from: 'enrolled',
        to: 'renewalDue',
        cause: 'anniversary-reached',
      }),
    ]);
    expect(r.outbox).toEqual([expect.objectContaining({ kind: 'renewal-due', eligibleToRenew: true, anniversary: '2024-08-15' })]);
    sim.expectOneEntryPerTransition();
  });

  it('a renewal fact: Enrolled again, anniversary + 1 year with the same day and month', () => {
    const sim = enrolledPartner();
    sim.days('2024-01-11', '2024-08-19', (d) => ({ qualifies: d === '2024-07-01' ? ['modernWork'] : [] }));
    expect(sim.status('modernWork')).toBe('renewalDue');
    const renewed = nextAnniversary('2024-08-15');
    const r = sim.day('2024-08-20', { fact: fact('2024-08-20', renewed, ['modernWork']) });
    expect(renewed).toBe('2025-08-15');
    expect(sim.status('modernWork')).toBe('enrolled');
    expect(r.transitions).toEqual([
      expect.objectContaining({
        id: 'p1:modernWork:renewed:2024-08-20',
        from: 'renewalDue',
        to: 'enrolled',
        cause: 'renewed',
        anniversary: '2025-08-15',
      }),
    ]);
    expect(sim.state?.enrollment?.anniversary).toBe('2025-08-15');
    expect(sim.state?.areas.modernWork.window).toEqual({ start: '2025-03-01', end: '2025-08-31' });
    // Enrolled until the next anniversary: no lapse when the old window would have closed.
    sim.days('2024-08-21', '2025-08-14');
    expect(sim.status('modernWork')).toBe('enrolled');
    sim.day('2025-08-15');
    expect(sim.status('modernWork')).toBe('renewalDue');
    sim.expectOneEntryPerTransition();
  });

  it('lapse: not renewed by the end of the window → In progress (no qualifying day in the window)', () => {
    const sim = enrolledPartner();
    sim.days('2024-01-11', '2024-09-13');
    expect(sim.status('modernWork')).toBe('renewalDue'); // 2024-09-13 = anniversary + 29, the last day
    const r = sim.day('2024-09-14');
    expect(sim.status('modernWork')).toBe('inProgress');
    expect(r.transitions).toEqual([
      expect.objectContaining({
        id: 'p1:modernWork:lapsed:2024-09-14',
        from: 'renewalDue',
        to: 'inProgress',
        cause: 'renewal-window-closed',
        anniversary: null,
      }),
    ]);
    expect(r.outbox[0]).toMatchObject({ kind: 'lapsed', eligibleToRenew: false });
    expect(sim.state?.enrollment).toBeNull();
    expect(sim.state?.areas.modernWork.enrollment).toBeNull();
    sim.expectOneEntryPerTransition();
  });

  it('lapse → Qualified when the not-enrolled window holds a qualifying day', () => {
    const sim = enrolledPartner();
    sim.days('2024-01-11', '2024-09-14', (d) => ({ qualifies: d === '2024-06-10' ? ['modernWork'] : [] }));
    expect(sim.status('modernWork')).toBe('qualified');
    expect(sim.transitionsOf('modernWork').at(-1)).toMatchObject({ day: '2024-09-14', to: 'qualified', cause: 'renewal-window-closed' });
    // It was eligible and simply not renewed.
    expect(sim.entries.at(-1)).toMatchObject({ kind: 'lapsed', eligibleToRenew: true });
    // Later the rolling window loses that day: In progress with its own cause.
    sim.days('2024-09-15', '2024-12-01');
    expect(sim.status('modernWork')).toBe('inProgress');
    expect(sim.transitionsOf('modernWork').at(-1)).toMatchObject({ day: '2024-12-01', cause: 'window-closed-without-qualifying-day' });
    sim.expectOneEntryPerTransition();
  });

  it('qualifying inside the renewal window makes the area eligible to renew', () => {
    const sim = enrolledPartner();
    sim.days('2024-01-11', '2024-08-25', (d) => ({ qualifies: d === '2024-08-25' ? ['modernWork'] : [] }));
    const dueEntry = sim.entries.find((e) => e.kind === 'renewal-due');
    expect(dueEntry?.eligibleToRenew).toBe(false);
    sim.days('2024-08-26', '2024-09-14');
    expect(sim.entries.at(-1)).toMatchObject({ kind: 'lapsed', eligibleToRenew: true });
    expect(sim.status('modernWork')).toBe('qualified');
  });
});

describe('leap-year anniversary', () => {
  it('Feb 29 anniversary: renewal due on Feb 29, renewed to Feb 28 next year', () => {
    const sim = new Sim();
    sim.day('2023-10-01', { fact: fact('2023-10-01', '2024-02-29', ['security']) });
    sim.days('2023-10-02', '2024-02-28', (d) => ({ qualifies: d === '2024-01-05' ? ['security'] : [] }));
    expect(sim.status('security')).toBe('enrolled');
    sim.day('2024-02-29');
    expect(sim.status('security')).toBe('renewalDue');
    sim.day('2024-03-01', { fact: fact('2024-03-01', nextAnniversary('2024-02-29'), ['security']) });
    expect(sim.state?.enrollment?.anniversary).toBe('2025-02-28');
    expect(sim.status('security')).toBe('enrolled');
    sim.days('2024-03-02', '2025-02-28');
    expect(sim.status('security')).toBe('renewalDue');
    expect(sim.transitionsOf('security').at(-1)).toMatchObject({ day: '2025-02-28', cause: 'anniversary-reached' });
    // Window of a Feb 28 anniversary: 1 Sep … 28 Feb; the renewal window closes on 29 Mar.
    expect(sim.state?.areas.security.window).toEqual({ start: '2024-09-01', end: '2025-02-28' });
    sim.days('2025-03-01', '2025-03-30');
    expect(sim.transitionsOf('security').at(-1)).toMatchObject({ day: '2025-03-30', cause: 'renewal-window-closed' });
    sim.expectOneEntryPerTransition();
  });
});

describe('renewal reminders (our schedule: 60, 30, 7 days before; in the window while not eligible)', () => {
  it('sends the fixed points once each, and in-window reminders only while not eligible', () => {
    const sim = enrolledPartner();
    sim.days('2024-01-11', '2024-09-13', (d) => ({ qualifies: d === '2024-08-30' ? ['modernWork'] : [] }));
    const reminders = sim.entries.filter((e) => e.kind === 'renewal-reminder');
    expect(reminders.map((e) => [e.reminder, e.day, e.eligibleToRenew])).toEqual([
      ['before-60', '2024-06-16', false],
      ['before-30', '2024-07-16', false],
      ['before-7', '2024-08-08', false],
      ['due-7', '2024-08-22', false],
      ['due-14', '2024-08-29', false],
      // qualified on 2024-08-30: eligible, so due-21 and due-27 are not sent
    ]);
    expect(reminders[0]?.id).toBe('p1:modernWork:renewal-reminder:2024-08-15:before-60');
    sim.expectOneEntryPerTransition();
  });
});
