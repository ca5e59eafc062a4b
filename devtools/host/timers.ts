// Fires the registered timer triggers on their NCRONTAB schedules (UTC), runOnStartup honoured.
// Like the Functions host, one timer never overlaps itself: the next occurrence is planned after a run ends,
// and a run that starts late (the previous one overran) gets isPastDue = true.
import { randomUUID } from 'node:crypto';

import type { Timer } from '@azure/functions';

import type { ConfigProblem } from '../../shared/config/config.js';
import { type NcrontabSchedule, nextOccurrence, parseNcrontab } from '../../shared/config/ncrontab.js';
import { InvocationContext } from './azure-functions.js';
import { type RegisteredFunction, resolveBindingExpression } from './fake-core.js';

/** Time source and timer primitives, replaceable in tests. */
export interface Scheduler {
  now(): Date;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface TimerHandle {
  /** Resolved schedules, by function name. */
  schedules: Map<string, string>;
  /** Runs one timer function now (demo, tests), outside its schedule. */
  fire(name: string): Promise<void>;
  stop(): Promise<void>;
}

// setTimeout cannot wait longer than ~24.8 days; longer waits are done in hops.
const MAX_WAIT_MS = 2 ** 31 - 1;

/**
 * The settings the timers' %SETTING% schedules name and `settings` does not set: on Azure such a function
 * fails to load, so the local host refuses to start (no silent default schedule).
 */
export function unresolvedTimerSettings(functions: Iterable<RegisteredFunction>, settings: Record<string, unknown>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const fn of functions) {
    if (fn.trigger.type.toLowerCase() !== 'timertrigger') continue;
    for (const [, name] of String(fn.trigger.schedule).matchAll(/%([^%]+)%/g)) {
      const v = settings[name!];
      if (v === undefined || v === null || String(v).trim() === '') {
        problems.push({
          setting: name!,
          problem: `not set: the schedule of timer ${fn.name} (%${name}%); Azure would not load the function either`,
        });
      }
    }
  }
  return problems;
}

export function startTimers(opts: {
  functions: Iterable<RegisteredFunction>;
  settings: Record<string, unknown>;
  log: (line: string) => void;
  scheduler?: Scheduler;
}): TimerHandle {
  const sched = opts.scheduler ?? realScheduler;
  const timers = [...opts.functions].filter((f) => f.trigger.type.toLowerCase() === 'timertrigger');
  const schedules = new Map<string, string>();
  const handles = new Map<string, unknown>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const parsed = new Map<string, NcrontabSchedule>();
  for (const fn of timers) {
    const expression = resolveBindingExpression(String(fn.trigger.schedule), opts.settings);
    schedules.set(fn.name, expression);
    parsed.set(fn.name, parseNcrontab(expression));
  }

  async function invoke(fn: RegisteredFunction, due: Date | undefined, last: Date | undefined): Promise<void> {
    const now = sched.now();
    const schedule = parsed.get(fn.name)!;
    const timer: Timer = {
      // Late by more than a second counts as past due (e.g. the previous run overran this occurrence).
      isPastDue: due !== undefined && now.getTime() - due.getTime() > 1000,
      schedule: { adjustForDST: false },
      scheduleStatus: {
        last: (last ?? new Date(0)).toISOString(),
        next: (nextOccurrence(schedule, now) ?? now).toISOString(),
        lastUpdated: now.toISOString(),
      },
    };
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName: fn.name,
      triggerMetadata: { timer },
      options: { trigger: fn.trigger as never },
      logHandler: (level, ...args) => opts.log(`[${fn.name}] ${level === 'information' ? '' : level + ': '}${args.map(String).join(' ')}`),
    });
    try {
      await fn.handler(timer, context);
    } catch (err) {
      // As on Azure: a failed timer run is logged and the schedule goes on.
      opts.log(`[${fn.name}] failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  function track(p: Promise<void>): Promise<void> {
    running.add(p);
    void p.finally(() => running.delete(p));
    return p;
  }

  function plan(fn: RegisteredFunction, last: Date | undefined): void {
    if (stopped) return;
    const due = nextOccurrence(parsed.get(fn.name)!, sched.now());
    if (!due) return;
    const wait = () => {
      if (stopped) return;
      const ms = due.getTime() - sched.now().getTime();
      if (ms > MAX_WAIT_MS) {
        handles.set(fn.name, sched.setTimeout(wait, MAX_WAIT_MS));
        return;
      }
      handles.set(
        fn.name,
        sched.setTimeout(
          () => {
            if (stopped) return;
            // The clock may fire a hair early; never run before the occurrence.
            if (sched.now().getTime() < due.getTime()) return wait();
            void track(invoke(fn, due, last)).then(() => plan(fn, due));
          },
          Math.max(0, ms),
        ),
      );
    };
    wait();
  }

  for (const fn of timers) {
    if (fn.trigger.runOnStartup === true) {
      void track(invoke(fn, undefined, undefined)).then(() => plan(fn, undefined));
    } else {
      plan(fn, undefined);
    }
  }

  return {
    schedules,
    async fire(name) {
      const fn = timers.find((f) => f.name === name);
      if (!fn) throw new Error(`no timer function named ${name}`);
      await track(invoke(fn, undefined, undefined));
    },
    async stop() {
      stopped = true;
      for (const h of handles.values()) sched.clearTimeout(h);
      handles.clear();
      await Promise.allSettled([...running]);
    },
  };
}
