// Not enrolled: Qualified while the rolling window holds a qualifying day (simulated clock).
import { describe, expect, it } from 'vitest';

import { Sim } from './sim.js';

describe('month rollover, not enrolled', () => {
  it('a qualifying day six months back drops out on the 1st: Qualified → In progress', () => {
    const sim = new Sim();
    sim.day('2024-03-10', { qualifies: ['security'] });
    expect(sim.status('security')).toBe('qualified');
    expect(sim.transitions).toEqual([
      expect.objectContaining({
        area: 'security',
        day: '2024-03-10',
        from: 'inProgress',
        to: 'qualified',
        cause: 'qualifying-day-in-window',
      }),
    ]);

    sim.days('2024-03-11', '2024-08-31');
    expect(sim.status('security')).toBe('qualified'); // 2024-08-31: window 2024-03-01 … 2024-08-31
    expect(sim.transitions).toHaveLength(1);

    const r = sim.day('2024-09-01'); // window now 2024-04-01 … 2024-09-01
    expect(sim.status('security')).toBe('inProgress');
    expect(r.transitions).toEqual([
      expect.objectContaining({
        id: 'p1:security:no-longer-qualified:2024-09-01',
        from: 'qualified',
        to: 'inProgress',
        cause: 'window-closed-without-qualifying-day',
      }),
    ]);
    expect(r.outbox).toEqual([expect.objectContaining({ id: 'p1:security:no-longer-qualified:2024-09-01', kind: 'no-longer-qualified' })]);
    expect(sim.state?.areas.security.window).toEqual({ start: '2024-04-01', end: '2024-09-01' });
    sim.expectOneEntryPerTransition();
  });

  it('a later qualifying day keeps the area Qualified across the rollover', () => {
    const sim = new Sim();
    sim.day('2024-03-10', { qualifies: ['modernWork'] });
    sim.days('2024-03-11', '2024-09-30', (d) => ({ qualifies: d === '2024-05-02' ? ['modernWork'] : [] }));
    expect(sim.status('modernWork')).toBe('qualified');
    const r = sim.day('2024-11-01'); // skips October; the 2024-05-02 day dropped out on 2024-11-01
    expect(r.transitions).toEqual([expect.objectContaining({ day: '2024-11-01', cause: 'window-closed-without-qualifying-day' })]);
    expect(sim.transitions).toHaveLength(2);
    sim.expectOneEntryPerTransition();
  });

  it('the score falling below 70 within the window changes nothing', () => {
    const sim = new Sim();
    sim.day('2024-06-03', { qualifies: ['dataAi'] });
    sim.days('2024-06-04', '2024-06-30');
    expect(sim.status('dataAi')).toBe('qualified');
    expect(sim.transitions).toHaveLength(1);
  });
});
