// The display: labels, window dates, monthly maxima, days until the anniversary.
import { describe, expect, it } from 'vitest';

import { HISTORY_MONTHS } from '../../../shared/domain/status/history.js';
import { designationView } from '../../../shared/domain/status/view.js';
import { fact, Sim } from './sim.js';

describe('designationView', () => {
  it('shows status labels, windows, the last six months maxima and the anniversary countdown', () => {
    const sim = new Sim();
    sim.day('2024-01-10', { fact: fact('2024-01-10', '2024-08-15', ['modernWork', 'infrastructure']), classified: 'smb' });
    sim.days('2024-01-11', '2024-08-20', (d) => ({
      qualifies: d === '2024-04-20' ? ['modernWork'] : d === '2024-07-02' ? ['security'] : [],
    }));
    const view = designationView(sim.state!);
    expect(view.asOf).toBe('2024-08-20');
    const mw = view.areas.find((a) => a.area === 'modernWork')!;
    expect(mw).toMatchObject({
      status: 'renewalDue',
      label: 'Enrolled (Renewal due)',
      window: { start: '2024-03-01', end: '2024-08-31' },
      renewalWindow: { start: '2024-08-15', end: '2024-09-13' },
      anniversary: '2024-08-15',
      daysUntilAnniversary: -5,
      eligibleToRenew: true,
      enrollmentSource: 'partner-center',
      frozenAzureTrack: null,
    });
    expect(mw.monthlyMaxima).toEqual([
      { month: '2024-03', maxTotal: 50, qualified: false },
      { month: '2024-04', maxTotal: 75, qualified: true },
      { month: '2024-05', maxTotal: 50, qualified: false },
      { month: '2024-06', maxTotal: 50, qualified: false },
      { month: '2024-07', maxTotal: 50, qualified: false },
      { month: '2024-08', maxTotal: 50, qualified: false },
    ]);
    const infra = view.areas.find((a) => a.area === 'infrastructure')!;
    // §1.5: classified SMB on the enrollment day, but never qualified on the SMB track in the window → Enterprise.
    expect(infra).toMatchObject({ label: 'Enrolled (Renewal due)', eligibleToRenew: false, frozenAzureTrack: 'enterprise' });
    // Qualified in July while enrolled elsewhere: enrolled there automatically, same anniversary.
    expect(view.areas.find((a) => a.area === 'security')).toMatchObject({ enrollmentSource: 'automatic', anniversary: '2024-08-15' });
    expect(view.areas.find((a) => a.area === 'dataAi')).toMatchObject({ label: 'In progress' });
  });

  it('not enrolled: the rolling window and no anniversary', () => {
    const sim = new Sim();
    sim.days('2024-07-01', '2024-08-20', (d) => ({ qualifies: d === '2024-07-02' ? ['security'] : [] }));
    const security = designationView(sim.state!).areas.find((a) => a.area === 'security');
    expect(security).toMatchObject({
      status: 'qualified',
      label: 'Qualified',
      since: '2024-07-02',
      cause: 'qualifying-day-in-window',
      window: { start: '2024-03-01', end: '2024-08-20' },
      anniversary: null,
      daysUntilAnniversary: null,
      renewalWindow: null,
      eligibleToRenew: null,
    });
    expect(security?.monthlyMaxima.map((m) => m.maxTotal)).toEqual([null, null, null, null, 75, 50]);
  });

  it('keeps a bounded history: the current month and the twenty-four before it (issue 7: at least 25 months)', () => {
    const sim = new Sim();
    sim.days('2022-01-01', '2024-03-05');
    const history = sim.state!.areas.security.history;
    expect(HISTORY_MONTHS).toBe(25);
    expect(history[0]?.day).toBe('2022-03-01');
    expect(history.at(-1)?.day).toBe('2024-03-05');
    expect(history).toHaveLength(736); // every day from 2022-03-01 through 2024-03-05
    expect(JSON.stringify(sim.state).length).toBeLessThan(400_000);
  });
});
