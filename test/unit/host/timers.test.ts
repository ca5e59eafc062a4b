// The local host's timer driver against a manual clock: no real waiting, no timing assertions.
import { describe, expect, it } from 'vitest';

import type { RegisteredFunction } from '../../../devtools/host/fake-core.js';
import { type Scheduler, startTimers } from '../../../devtools/host/timers.js';

/** A clock that only moves when told; timers due by then run in order. */
function manualScheduler(start: string) {
  let now = new Date(start).getTime();
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const scheduler: Scheduler = {
    now: () => new Date(now),
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => pending.delete(id as number),
  };
  const flush = () => new Promise((r) => setImmediate(r));
  return {
    scheduler,
    pendingCount: () => pending.size,
    /** Moves the clock to `to`, firing each due timer at its own time and letting its handler finish. */
    async advanceTo(to: string) {
      const target = new Date(to).getTime();
      for (;;) {
        await flush();
        const due = [...pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
        await flush();
      }
      now = target;
      await flush();
    },
  };
}

function timerFunction(
  name: string,
  schedule: string,
  runOnStartup = false,
  calls: Array<{ at: string; timer: unknown }>,
  clock: () => Date,
): RegisteredFunction {
  return {
    name,
    bindings: {},
    trigger: { name: 'timerTrigger', type: 'timerTrigger', direction: 'in', schedule, runOnStartup },
    handler: async (timer: unknown) => {
      calls.push({ at: clock().toISOString(), timer });
    },
  };
}

describe('timer triggers', () => {
  it('fire on their NCRONTAB schedule, resolved from a %SETTING%', async () => {
    const m = manualScheduler('2026-03-01T10:00:00.000Z');
    const calls: Array<{ at: string; timer: unknown }> = [];
    const timers = startTimers({
      functions: [timerFunction('every20s', '%EVERY_20%', false, calls, m.scheduler.now)],
      settings: { EVERY_20: '*/20 * * * * *' },
      log: () => {},
      scheduler: m.scheduler,
    });
    expect(timers.schedules.get('every20s')).toBe('*/20 * * * * *');
    await m.advanceTo('2026-03-01T10:00:59.000Z');
    expect(calls.map((c) => c.at)).toEqual(['2026-03-01T10:00:20.000Z', '2026-03-01T10:00:40.000Z']);
    expect(calls[0]!.timer).toMatchObject({
      isPastDue: false,
      schedule: { adjustForDST: false },
      scheduleStatus: { next: '2026-03-01T10:00:40.000Z' },
    });
    await timers.stop();
    await m.advanceTo('2026-03-01T10:05:00.000Z');
    expect(calls).toHaveLength(2);
  });

  it('honour runOnStartup: one run at start, then the schedule', async () => {
    const m = manualScheduler('2026-03-01T02:00:00.000Z');
    const calls: Array<{ at: string; timer: unknown }> = [];
    const timers = startTimers({
      functions: [
        timerFunction('nightly', '0 30 2 * * *', true, calls, m.scheduler.now),
        timerFunction('quiet', '0 30 2 * * *', false, [], m.scheduler.now),
      ],
      settings: {},
      log: () => {},
      scheduler: m.scheduler,
    });
    await m.advanceTo('2026-03-01T02:00:00.000Z');
    expect(calls.map((c) => c.at)).toEqual(['2026-03-01T02:00:00.000Z']);
    await m.advanceTo('2026-03-02T03:00:00.000Z');
    expect(calls.map((c) => c.at)).toEqual(['2026-03-01T02:00:00.000Z', '2026-03-01T02:30:00.000Z', '2026-03-02T02:30:00.000Z']);
    await timers.stop();
  });

  it('keep the schedule going when a run fails', async () => {
    const m = manualScheduler('2026-03-01T00:00:00.000Z');
    let runs = 0;
    const failing: RegisteredFunction = {
      name: 'flaky',
      bindings: {},
      trigger: { name: 't', type: 'timerTrigger', direction: 'in', schedule: '0 * * * * *' },
      handler: async () => {
        runs++;
        throw new Error('boom');
      },
    };
    const lines: string[] = [];
    const timers = startTimers({ functions: [failing], settings: {}, log: (l) => lines.push(l), scheduler: m.scheduler });
    await m.advanceTo('2026-03-01T00:03:00.000Z');
    expect(runs).toBe(3);
    expect(lines.filter((l) => l.includes('boom'))).toHaveLength(3);
    await timers.stop();
  });

  it('can be fired by name outside the schedule (demo)', async () => {
    const m = manualScheduler('2026-03-01T00:00:00.000Z');
    const calls: Array<{ at: string; timer: unknown }> = [];
    const timers = startTimers({
      functions: [timerFunction('nightly', '0 30 2 * * *', false, calls, m.scheduler.now)],
      settings: {},
      log: () => {},
      scheduler: m.scheduler,
    });
    await timers.fire('nightly');
    expect(calls).toHaveLength(1);
    await expect(timers.fire('missing')).rejects.toThrow(/no timer function/);
    await timers.stop();
  });

  it('refuses a schedule setting that is not set', () => {
    expect(() =>
      startTimers({ functions: [timerFunction('x', '%NOPE%', false, [], () => new Date())], settings: {}, log: () => {} }),
    ).toThrow(/%NOPE%/);
  });
});
