// Issue 13, status machine: each case written from the rule's text (pcs-rules.md section in the name).
import { describe, expect, it } from 'vitest';

import { enrollmentForScoring, frozenAzureTrack } from '../../../shared/domain/status/azureTrack.js';
import { advanceDesignations } from '../../../shared/domain/status/machine.js';
import { nextAnniversary } from '../../../shared/domain/status/window.js';
import { fact, results, Sim } from './sim.js';

describe('§3.3 automatic enrollment after a renewal drop', () => {
  it('an area a renewal drops (not eligible) is enrolled, at the same new anniversary, on its next qualifying day after the drop', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork', 'security']) });
    // Modern Work qualifies in the window; Security never does: not eligible to renew.
    sim.days('2024-01-11', '2024-08-19', (d) => ({ qualifies: d === '2024-06-03' ? ['modernWork'] : [] }));
    const renewal = sim.day('2024-08-20', { fact: fact('2024-08-20', '2025-08-15', ['modernWork']) });
    expect(renewal.transitions.map((t) => [t.area, t.cause])).toEqual([
      ['modernWork', 'renewed'],
      ['security', 'enrollment-withdrawn'],
    ]);
    expect(sim.state?.areas.security.automaticEnrollmentBlockedFor).toBeNull();
    sim.days('2024-08-21', '2024-09-09');
    expect(sim.status('security')).toBe('inProgress');
    // "qualifying in another area enrolls it automatically": the next qualifying day after the drop.
    const r = sim.day('2024-09-10', { qualifies: ['security'] });
    expect(r.transitions).toEqual([
      expect.objectContaining({
        area: 'security',
        to: 'enrolled',
        cause: 'automatic-enrollment',
        anniversary: '2025-08-15',
        source: 'automatic',
      }),
    ]);
    expect(sim.state?.areas.security.enrollment).toEqual({ source: 'automatic', since: '2024-09-10' });
    sim.expectOneEntryPerTransition();
  });

  it('qualifying days the renewal fact already saw do not count (only days after the last enrollment fact)', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork', 'security']) });
    sim.days('2024-01-11', '2024-08-19', (d) => ({ qualifies: d === '2024-06-03' ? ['modernWork'] : [] }));
    sim.day('2024-08-20', { qualifies: ['security'], fact: fact('2024-08-20', '2025-08-15', ['modernWork']) });
    sim.days('2024-08-21', '2024-09-01');
    expect(sim.state?.areas.security.enrollment).toBeNull();
    expect(sim.status('security')).toBe('qualified');
  });

  it('an area withdrawn by a fact during the enrollment year stays blocked until the anniversary moves (unchanged)', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork', 'security']) });
    sim.day('2024-02-01', { fact: fact('2024-02-01', '2024-11-01', ['modernWork']) });
    sim.days('2024-02-02', '2024-03-01', () => ({ qualifies: ['security'] }));
    expect(sim.state?.areas.security.enrollment).toBeNull();
  });
});

describe('§3.4 purchase reported on the lapse day', () => {
  it('anniversary + 30 is after the renewal window: a lapse, then a new enrollment (not "renewed")', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']) });
    sim.days('2024-01-11', '2024-09-13', (d) => ({ qualifies: d === '2024-06-03' ? ['modernWork'] : [] }));
    expect(sim.status('modernWork')).toBe('renewalDue'); // 2024-09-13 = anniversary + 29, the window's last day
    const r = sim.day('2024-09-14', { fact: fact('2024-09-14', '2025-09-14', ['modernWork']) });
    expect(r.transitions).toEqual([
      expect.objectContaining({
        area: 'modernWork',
        from: 'renewalDue',
        to: 'qualified',
        cause: 'renewal-window-closed',
        previousAnniversary: '2024-08-15',
        anniversary: null,
      }),
      expect.objectContaining({
        area: 'modernWork',
        from: 'qualified',
        to: 'enrolled',
        cause: 'enrollment-fact',
        anniversary: '2025-09-14',
        previousAnniversary: null,
      }),
    ]);
    expect(r.outbox.map((e) => e.kind)).toEqual(['lapsed', 'enrolled']);
    expect(sim.state?.areas.modernWork.enrollment).toEqual({ source: 'partner-center', since: '2024-09-14' });
    expect(sim.state?.enrollment?.anniversary).toBe('2025-09-14');
    sim.expectOneEntryPerTransition();
  });

  it("on the window's last day (anniversary + 29) the same fact is a renewal", () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']) });
    sim.days('2024-01-11', '2024-09-12');
    const r = sim.day('2024-09-13', { fact: fact('2024-09-13', '2025-09-13', ['modernWork']) });
    expect(r.transitions.map((t) => t.cause)).toEqual(['renewed']);
  });
});

describe('§1.5 frozen Azure track when the enrollment fact names none', () => {
  it('SMB if the partner qualified on the SMB track on any day of the qualification window, whatever is classified on the enrollment day', () => {
    const sim = new Sim();
    sim.day('2024-03-05', { qualifies: ['infrastructure'], classified: 'smb' });
    sim.days('2024-03-06', '2024-04-09', () => ({ classified: 'enterprise' }));
    sim.day('2024-04-10', { fact: fact('2024-04-10', '2025-04-10', ['infrastructure']), classified: 'enterprise' });
    expect(sim.state?.enrollment).toMatchObject({ azureTrack: 'smb', azureTrackFrozenOn: '2024-04-10' });
    expect(frozenAzureTrack(sim.state, 'enterprise')).toBe('smb');
    expect(enrollmentForScoring(sim.state, 'enterprise')?.azureTrack).toBe('smb');
  });

  it('Enterprise when no day of the window qualified on the SMB track, even if the enrollment day is classified SMB', () => {
    const sim = new Sim();
    sim.day('2024-03-05', { qualifies: ['dataAi'], classified: 'enterprise' });
    sim.days('2024-03-06', '2024-04-09', () => ({ classified: 'smb' })); // SMB days, none qualifying
    sim.day('2024-04-10', { fact: fact('2024-04-10', '2025-04-10', ['dataAi']), classified: 'smb' });
    expect(sim.state?.enrollment?.azureTrack).toBe('enterprise');
  });

  it('an SMB qualifying day before the window (six months) does not count', () => {
    const sim = new Sim();
    sim.day('2024-01-15', { qualifies: ['infrastructure'], classified: 'smb' });
    sim.days('2024-01-16', '2024-07-09', () => ({ classified: 'enterprise' }));
    sim.day('2024-07-10', { fact: fact('2024-07-10', '2025-07-10', ['infrastructure']), classified: 'enterprise' });
    expect(sim.state?.enrollment?.azureTrack).toBe('enterprise'); // window 2024-02-01 … 2024-07-10
  });

  it('the track a result was scored on (AreaResult.track) counts over the classified one', () => {
    const r1 = advanceDesignations(null, {
      partnerId: 'p1',
      today: '2024-03-05',
      areaResults: { ...results(), digitalAppInnovation: { total: 75, qualifies: true, track: 'smb' } },
      classifiedAzureTrack: 'enterprise',
    });
    const r2 = advanceDesignations(r1.state, {
      partnerId: 'p1',
      today: '2024-03-06',
      areaResults: results(),
      classifiedAzureTrack: 'enterprise',
      enrollmentFact: fact('2024-03-06', '2025-03-06', ['digitalAppInnovation']),
    });
    expect(r2.state.enrollment?.azureTrack).toBe('smb');
  });

  it('a track named by the fact still wins', () => {
    const sim = new Sim();
    sim.day('2024-03-05', { qualifies: ['infrastructure'], classified: 'smb' });
    sim.day('2024-04-10', { fact: fact('2024-04-10', '2025-04-10', ['infrastructure'], 'enterprise'), classified: 'smb' });
    expect(sim.state?.enrollment).toMatchObject({ azureTrack: 'enterprise', azureTrackSource: 'enrollment-fact' });
  });

  it('an automatic Azure enrollment freezes from the window too', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-11-01', ['modernWork']) });
    sim.day('2024-02-01', { qualifies: ['dataAi'], classified: 'smb' });
    expect(sim.state?.enrollment?.azureTrack).toBe('smb');
  });
});

describe('§3.4 a renewal fact without a new anniversary', () => {
  it('the next anniversary is 365 days after the payment day, not the old day and month', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']) });
    sim.days('2024-01-11', '2024-08-19', (d) => ({ qualifies: d === '2024-06-03' ? ['modernWork'] : [] }));
    const r = sim.day('2024-08-20', { fact: fact('2024-08-20', null, ['modernWork']) });
    expect(r.transitions).toEqual([
      expect.objectContaining({ cause: 'renewed', anniversary: '2025-08-20', previousAnniversary: '2024-08-15' }),
    ]);
    expect(sim.state?.enrollment?.anniversary).toBe('2025-08-20');
  });

  it('a payment day given with the fact (paidOn) counts; 365 days across a leap day', () => {
    const sim = new Sim();
    sim.day('2023-06-01', { fact: fact('2023-06-01', '2024-02-20', ['security']) });
    sim.days('2023-06-02', '2024-02-26', (d) => ({ qualifies: d === '2024-01-03' ? ['security'] : [] }));
    sim.day('2024-02-27', { fact: { ...fact('2024-02-27', null, ['security']), paidOn: '2024-02-25' } });
    expect(sim.state?.enrollment?.anniversary).toBe('2025-02-24'); // 2024-02-25 + 365 days (2024 is a leap year)
    expect(nextAnniversary('2024-02-25')).toBe('2025-02-24');
    expect(nextAnniversary('2023-08-15')).toBe('2024-08-14');
  });

  it('a first purchase without an anniversary: 365 days after the payment day', () => {
    const sim = new Sim();
    sim.day('2024-03-01', { qualifies: ['modernWork'] });
    sim.day('2024-03-02', { fact: fact('2024-03-02', null, ['modernWork']) });
    expect(sim.state?.enrollment?.anniversary).toBe('2025-03-02');
  });

  it('before the anniversary, a fact without one keeps the current anniversary', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork']) });
    const r = sim.day('2024-03-01', { fact: fact('2024-03-01', null, ['modernWork', 'security']) });
    expect(sim.state?.enrollment?.anniversary).toBe('2024-08-15');
    expect(r.transitions).toEqual([expect.objectContaining({ area: 'security', cause: 'enrollment-fact', anniversary: '2024-08-15' })]);
  });
});

describe('§3.4 the anniversary field is the next anniversary', () => {
  it('a fact naming an anniversary whose renewal window had closed when observed is ignored: no enrollment, no lapse, no mail', () => {
    const sim = new Sim();
    sim.day('2024-09-30');
    const r = sim.day('2024-10-01', { fact: fact('2024-10-01', '2024-08-15', ['modernWork']) }); // window ended 2024-09-13
    expect(r.transitions).toEqual([]);
    expect(r.outbox).toEqual([]);
    expect(sim.state?.enrollment).toBeNull();
  });

  it('an anniversary inside its renewal window is accepted (Renewal due)', () => {
    const sim = new Sim();
    sim.day('2024-08-20', { fact: fact('2024-08-20', '2024-08-15', ['modernWork']) });
    expect(sim.status('modernWork')).toBe('renewalDue');
  });
});
