// True causes for changes made on the same day (issue 7): a second push on a day replaces that day's
// result; what it takes away is a withdrawn qualifying day, not a closed window.
import { describe, expect, it } from 'vitest';

import { advanceDesignations } from '../../../shared/domain/status/machine.js';
import { kindOfCause } from '../../../shared/domain/status/outbox.js';
import { fact, results, Sim } from './sim.js';

describe("a same-day correction of the day's result (pcs-rules §3.2)", () => {
  it('qualifies, then the second push withdraws it: cause qualifying-day-withdrawn, told as no-longer-qualified', () => {
    const sim = new Sim();
    sim.day('2024-05-09');
    sim.day('2024-05-10', { qualifies: ['security'] });
    const back = sim.day('2024-05-10');
    expect(back.transitions).toEqual([
      expect.objectContaining({
        area: 'security',
        day: '2024-05-10',
        from: 'qualified',
        to: 'inProgress',
        cause: 'qualifying-day-withdrawn',
      }),
    ]);
    expect(back.outbox.map((e) => [e.kind, e.cause])).toEqual([['no-longer-qualified', 'qualifying-day-withdrawn']]);
    expect(kindOfCause('qualifying-day-withdrawn')).toBe('no-longer-qualified');
    expect(sim.state?.areas.security.cause).toBe('qualifying-day-withdrawn');
    sim.expectOneEntryPerTransition();
  });

  it('another qualifying day still in the window keeps it Qualified: nothing to tell', () => {
    const sim = new Sim();
    sim.day('2024-03-04', { qualifies: ['security'] });
    sim.day('2024-05-10', { qualifies: ['security'] });
    const back = sim.day('2024-05-10');
    expect(back.transitions).toEqual([]);
    expect(sim.status('security')).toBe('qualified');
  });

  it('the window closing is still told as such: the month start moves past the last qualifying day', () => {
    const sim = new Sim();
    sim.day('2024-01-15', { qualifies: ['security'] });
    sim.days('2024-01-16', '2024-06-30');
    const closed = sim.day('2024-07-01'); // window now 2024-02-01…: 2024-01-15 left it
    expect(closed.transitions).toEqual([
      expect.objectContaining({ area: 'security', to: 'inProgress', cause: 'window-closed-without-qualifying-day' }),
    ]);
  });

  it('…also when the run catches up over skipped days, with a correction of the previous day in the same run', () => {
    const sim = new Sim();
    sim.day('2024-01-15', { qualifies: ['security'] });
    sim.day('2024-06-25');
    const r = sim.day('2024-07-03');
    expect(r.transitions).toEqual([expect.objectContaining({ day: '2024-07-01', cause: 'window-closed-without-qualifying-day' })]);
  });

  it("on a month start today's qualifying result holds the status alone; withdrawing it is the correction, not the closing", () => {
    const sim = new Sim();
    sim.day('2024-01-15', { qualifies: ['security'] });
    sim.days('2024-01-16', '2024-06-30');
    expect(sim.day('2024-07-01', { qualifies: ['security'] }).transitions).toEqual([]); // held by today's result
    const back = sim.day('2024-07-01');
    expect(back.transitions).toEqual([expect.objectContaining({ to: 'inProgress', cause: 'qualifying-day-withdrawn' })]);
  });
});

describe('automatic enrollment on a result withdrawn the same day (pcs-rules §3.3, §3.1)', () => {
  it('is undone: the qualifying day it rested on is gone; qualifying again the same day enrolls again under a new id', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork']) });
    const enrolled = sim.day('2024-03-05', { qualifies: ['security'] });
    expect(enrolled.transitions).toEqual([expect.objectContaining({ area: 'security', to: 'enrolled', cause: 'automatic-enrollment' })]);

    const undone = sim.day('2024-03-05');
    expect(undone.transitions).toEqual([
      expect.objectContaining({
        area: 'security',
        day: '2024-03-05',
        from: 'enrolled',
        to: 'inProgress',
        cause: 'qualifying-day-withdrawn',
        anniversary: null,
        previousAnniversary: '2024-11-01',
      }),
    ]);
    expect(undone.outbox).toEqual([expect.objectContaining({ kind: 'no-longer-qualified', anniversary: '2024-11-01' })]);
    expect(sim.state?.areas.security.enrollment).toBeNull();
    expect(sim.status('modernWork')).toBe('enrolled');
    expect(sim.state?.enrollment?.anniversary).toBe('2024-11-01');

    const again = sim.day('2024-03-05', { qualifies: ['security'] });
    expect(again.outbox.map((e) => e.id)).toEqual(['p1:security:enrolled:2024-03-05~2']);
    sim.expectOneEntryPerTransition();
  });

  it('made on an earlier day it stands when the score drops: Enrolled whatever the score does (§3.1)', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork']) });
    sim.day('2024-03-05', { qualifies: ['security'] });
    const next = sim.day('2024-03-06');
    expect(next.transitions).toEqual([]);
    expect(sim.status('security')).toBe('enrolled');
  });

  it('an Azure area undone the same day also undoes the Azure track frozen for it that day (§3.4)', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork']) });
    sim.day('2024-03-05', { qualifies: ['dataAi'], classified: 'smb' });
    expect(sim.state?.enrollment).toMatchObject({ azureTrack: 'smb', azureTrackSource: 'classified', azureTrackFrozenOn: '2024-03-05' });
    sim.day('2024-03-05', { classified: 'smb' });
    expect(sim.state?.enrollment).toMatchObject({ azureTrack: null, azureTrackSource: null, azureTrackFrozenOn: null });
    // Enrolled another day on the other track: frozen to that day's classification.
    sim.day('2024-03-20', { qualifies: ['dataAi'], classified: 'enterprise' });
    expect(sim.state?.enrollment).toMatchObject({ azureTrack: 'enterprise', azureTrackFrozenOn: '2024-03-20' });
  });
});

describe('enrollment facts on the same day (pcs-rules §3.3: facts are authoritative)', () => {
  it('a newer fact the same day that drops an area withdraws it (enrollment-withdrawn); one listing it again enrolls (enrollment-fact)', () => {
    const sim = new Sim();
    sim.day('2024-05-10', {
      fact: { ...fact('2024-05-10', '2025-05-10', ['modernWork', 'security']), observedAt: '2024-05-10T06:00:00.000Z' },
    });
    const dropped = sim.day('2024-05-10', {
      fact: { ...fact('2024-05-10', '2025-05-10', ['modernWork']), observedAt: '2024-05-10T07:00:00.000Z' },
    });
    expect(dropped.transitions).toEqual([
      expect.objectContaining({ area: 'security', from: 'enrolled', to: 'inProgress', cause: 'enrollment-withdrawn' }),
    ]);
    const listed = sim.day('2024-05-10', {
      fact: { ...fact('2024-05-10', '2025-05-10', ['modernWork', 'security']), observedAt: '2024-05-10T08:00:00.000Z' },
    });
    expect(listed.transitions).toEqual([expect.objectContaining({ area: 'security', to: 'enrolled', cause: 'enrollment-fact' })]);
    sim.expectOneEntryPerTransition();
  });
});

describe('a backfill redone on the first day', () => {
  it('that no longer qualifies on a past day says the qualifying day was withdrawn', () => {
    const base = { partnerId: 'p1', today: '2024-08-15', areaResults: results(), classifiedAzureTrack: 'smb' as const };
    const first = advanceDesignations(null, { ...base, backfill: [{ day: '2024-07-01', areaResults: results(['security']) }] });
    expect(first.state.areas.security.status).toBe('qualified');
    const redone = advanceDesignations(first.state, { ...base, backfill: [{ day: '2024-07-01', areaResults: results() }] });
    expect(redone.transitions).toEqual([
      expect.objectContaining({ area: 'security', to: 'inProgress', cause: 'qualifying-day-withdrawn' }),
    ]);
  });
});
