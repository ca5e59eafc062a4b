// Automatic enrollment, enrollment facts being authoritative, and the frozen Azure track.
import { describe, expect, it } from 'vitest';

import { enrollmentForScoring, frozenAzureTrack } from '../../../shared/domain/status/azureTrack.js';
import { fact, Sim } from './sim.js';

describe('automatic enrollment', () => {
  it('enrolled in Modern Work, qualifies in Security → enrolled there at the same anniversary; a fact without Security un-enrolls it', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork']) });
    sim.days('2024-01-11', '2024-03-04');
    const r = sim.day('2024-03-05', { qualifies: ['security'] });
    expect(sim.status('security')).toBe('enrolled');
    expect(sim.state?.areas.security.enrollment).toEqual({ source: 'automatic', since: '2024-03-05' });
    expect(sim.state?.enrollment?.anniversary).toBe('2024-11-01');
    expect(r.transitions).toEqual([
      expect.objectContaining({
        id: 'p1:security:enrolled:2024-03-05',
        from: 'inProgress',
        to: 'enrolled',
        cause: 'automatic-enrollment',
        anniversary: '2024-11-01',
        source: 'automatic',
      }),
    ]);

    sim.days('2024-03-06', '2024-03-31');
    const w = sim.day('2024-04-01', { fact: fact('2024-04-01', '2024-11-01', ['modernWork']) });
    expect(sim.state?.areas.security.enrollment).toBeNull();
    // Back to the status by the not-enrolled window: 2024-03-05 still counts.
    expect(sim.status('security')).toBe('qualified');
    expect(w.transitions).toEqual([
      expect.objectContaining({ area: 'security', from: 'enrolled', to: 'qualified', cause: 'enrollment-withdrawn', anniversary: null }),
    ]);
    expect(sim.status('modernWork')).toBe('enrolled');

    // Partner Center decided: qualifying again in the same enrollment year does not re-enroll it.
    sim.days('2024-04-02', '2024-04-30', () => ({ qualifies: ['security'] }));
    expect(sim.status('security')).toBe('qualified');
    sim.expectOneEntryPerTransition();
  });

  it('a fact observed before the automatic enrollment (arriving late) does not undo it; a fact listing the area confirms it', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork']) });
    sim.day('2024-03-05', { qualifies: ['security'] });
    expect(sim.state?.areas.security.enrollment?.source).toBe('automatic');
    sim.day('2024-03-06', { fact: fact('2024-03-01', '2024-11-01', ['modernWork']) });
    expect(sim.state?.areas.security.enrollment?.source).toBe('automatic');
    expect(sim.status('security')).toBe('enrolled');
    const confirm = sim.day('2024-03-20', { fact: fact('2024-03-20', '2024-11-01', ['modernWork', 'security']) });
    expect(sim.state?.areas.security.enrollment).toEqual({ source: 'partner-center', since: '2024-03-05' });
    expect(confirm.transitions).toEqual([]); // same status: nothing to tell
    sim.expectOneEntryPerTransition();
  });

  it('qualifying days the last fact already saw are its business: no automatic enrollment for them', () => {
    const sim = new Sim();
    sim.day('2024-01-05', { qualifies: ['security'] });
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork']) });
    sim.days('2024-01-11', '2024-02-10');
    expect(sim.status('security')).toBe('qualified');
    expect(sim.state?.areas.security.enrollment).toBeNull();
  });

  it('not enrolled anywhere: qualifying only makes the area Qualified', () => {
    const sim = new Sim();
    sim.day('2024-01-05', { qualifies: ['security', 'modernWork'] });
    expect(sim.status('security')).toBe('qualified');
    expect(sim.status('modernWork')).toBe('qualified');
    expect(sim.state?.enrollment).toBeNull();
  });

  it('in the renewal window a newly qualifying area joins as Renewal due; the renewal fact carries it on', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']) });
    sim.days('2024-08-15', '2024-08-17', (d) => ({ qualifies: d === '2024-08-17' ? ['security'] : [] }));
    expect(sim.status('security')).toBe('renewalDue');
    expect(sim.transitionsOf('security')).toEqual([expect.objectContaining({ to: 'renewalDue', cause: 'automatic-enrollment' })]);
    expect(sim.entries.at(-1)).toMatchObject({ kind: 'enrolled', status: 'renewalDue', eligibleToRenew: true });
  });

  it('a fact with no areas (enrollment: null) un-enrolls everything', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork', 'security']) });
    const r = sim.day('2024-02-01', { fact: fact('2024-02-01', null, []) });
    expect(r.transitions.map((t) => [t.area, t.cause, t.to])).toEqual([
      ['modernWork', 'enrollment-withdrawn', 'inProgress'],
      ['security', 'enrollment-withdrawn', 'inProgress'],
    ]);
    expect(sim.state?.enrollment).toBeNull();
  });

  it('an older fact delivered after a newer one is ignored', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork', 'security']) });
    sim.day('2024-01-11', { fact: fact('2024-01-02', '2024-11-01', ['modernWork']) });
    expect(sim.status('security')).toBe('enrolled');
    expect(sim.state?.lastEnrollmentFact?.observedAt).toBe('2024-01-10T06:00:00.000Z');
  });
});

describe('Azure track freeze', () => {
  it('freezes at enrollment to the track classified that day and ignores later classification until renewal', () => {
    const sim = new Sim();
    expect(frozenAzureTrack(null, 'smb')).toBeNull();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['infrastructure']), classified: 'enterprise' });
    expect(sim.state?.enrollment).toMatchObject({
      azureTrack: 'enterprise',
      azureTrackSource: 'classified',
      azureTrackFrozenOn: '2024-01-10',
    });
    sim.days('2024-01-11', '2024-08-19', (d) => ({ classified: 'smb', qualifies: d === '2024-05-01' ? ['infrastructure'] : [] }));
    expect(sim.state?.enrollment?.azureTrack).toBe('enterprise');
    expect(frozenAzureTrack(sim.state, 'smb')).toBe('enterprise');
    expect(enrollmentForScoring(sim.state, 'smb')).toEqual({
      anniversary: '2024-08-15',
      areas: ['infrastructure'],
      azureTrack: 'enterprise',
    });

    // Renewal: refrozen to the track classified on the renewal day.
    sim.day('2024-08-20', { fact: fact('2024-08-20', '2025-08-15', ['infrastructure']), classified: 'smb' });
    expect(sim.state?.enrollment).toMatchObject({ anniversary: '2025-08-15', azureTrack: 'smb', azureTrackFrozenOn: '2024-08-20' });
    sim.day('2024-08-21', { classified: 'enterprise' });
    expect(frozenAzureTrack(sim.state, 'enterprise')).toBe('smb');
  });

  it('an enrollment fact naming a track wins over the classified one', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['dataAi'], 'smb'), classified: 'enterprise' });
    expect(sim.state?.enrollment).toMatchObject({ azureTrack: 'smb', azureTrackSource: 'enrollment-fact' });
    expect(frozenAzureTrack(sim.state, 'enterprise')).toBe('smb');
    // A later fact naming no track keeps the frozen one.
    sim.day('2024-02-10', { fact: fact('2024-02-10', '2024-08-15', ['dataAi']), classified: 'enterprise' });
    expect(frozenAzureTrack(sim.state, 'enterprise')).toBe('smb');
  });

  it('enrolled only outside Azure: nothing frozen; an automatic Azure enrollment freezes that day', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']), classified: 'enterprise' });
    expect(frozenAzureTrack(sim.state, 'enterprise')).toBeNull();
    expect(enrollmentForScoring(sim.state, 'enterprise')).toEqual({ anniversary: '2024-08-15', areas: ['modernWork'], azureTrack: null });
    sim.day('2024-02-01', { qualifies: ['digitalAppInnovation'], classified: 'smb' });
    expect(sim.state?.areas.digitalAppInnovation.enrollment?.source).toBe('automatic');
    expect(sim.state?.enrollment).toMatchObject({ azureTrack: 'smb', azureTrackFrozenOn: '2024-02-01' });
    sim.day('2024-02-02', { classified: 'enterprise' });
    expect(frozenAzureTrack(sim.state, 'enterprise')).toBe('smb');
  });

  it('the freeze ends with the enrollment (lapse)', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-02-01', ['infrastructure']), classified: 'smb' });
    sim.day('2024-03-02');
    expect(sim.state?.enrollment).toBeNull();
    expect(frozenAzureTrack(sim.state, 'enterprise')).toBeNull();
  });
});
