// The local host's admin endpoints (devtools only: served by this host, never registered in functions/index.ts,
// so never on Azure):
//   POST /admin/functions/{name}  runs a timer function now → 202, as the Functions host's admin API does
//                                 (404 JSON for an unknown or non-timer function).
//   POST /admin/clock             { "today": "YYYY-MM-DD" } or { "advanceDays": N } moves the business clock
//                                 forward; each day passed runs the day's timers (nightlyRecompute, then
//                                 claimDeadlines) as they would have run on it, waiting for the partner-recompute
//                                 messages to drain after each, before the next day → 200 { today }.
//                                 Going back → 409 (statuses never rewind); a bad body → 400 naming the field.
// A day set this way lasts until the stack stops (LOCAL_TODAY decides the day the next start begins on).
import type { ServiceBusClient } from '@azure/service-bus';
import Long from 'long';

import type { MovableClock } from '../../shared/adapters/system/clock.js';

export interface AdminResponse {
  status: number;
  /** JSON body; absent = empty body. */
  body?: unknown;
}

/** Answers an admin request, or undefined when the path is not an admin path. */
export type AdminHandler = (method: string, pathname: string, body: Buffer) => Promise<AdminResponse | undefined>;

/** The timers each business day runs, in order (the nightly recompute first: claim deadlines read its statuses). */
export const DAY_TIMERS = ['nightlyRecompute', 'claimDeadlines'] as const;

/** At most this many days per request (a typo must not run years of nightly recomputes). */
export const MAX_ADVANCE_DAYS = 400;

export interface AdminDeps {
  /** Names of the registered timer functions. */
  timerNames: readonly string[];
  /** Runs one timer function to its end; undefined when this host runs no timers. */
  fire: ((name: string) => Promise<void>) | undefined;
  /** The business clock; without one, /admin/clock answers 404. */
  clock?: MovableClock | undefined;
  /** Called when the clock reaches a day (before that day's timers): the data dir's business-day.json. */
  onDay?: ((day: string) => Promise<void>) | undefined;
  /** Resolves once the partner-recompute queue holds no message (active, locked or scheduled). */
  drain?: (() => Promise<void>) | undefined;
  /** The timers each day runs (default DAY_TIMERS, those registered). */
  dayTimers?: readonly string[];
  log: (line: string) => void;
}

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return DAY_RE.test(text) && !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const bad = (field: string, error: string): AdminResponse => ({ status: 400, body: { error, field } });

/** The day a POST /admin/clock body asks for, or the 400/409 answer. */
export function targetDay(today: string, raw: Buffer): { day: string } | AdminResponse {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8') || 'null');
  } catch {
    return bad('body', 'the body is not JSON: send { "today": "YYYY-MM-DD" } or { "advanceDays": N }');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return bad('body', 'send a JSON object: { "today": "YYYY-MM-DD" } or { "advanceDays": N }');
  const fields = Object.keys(body);
  const unknown = fields.find((f) => f !== 'today' && f !== 'advanceDays');
  if (unknown !== undefined) return bad(unknown, `unknown field "${unknown}": send "today" or "advanceDays"`);
  if (fields.length !== 1)
    return bad('body', fields.length === 0 ? 'send "today" or "advanceDays"' : 'send "today" or "advanceDays", not both');
  const b = body as { today?: unknown; advanceDays?: unknown };
  let day: string;
  if ('today' in b) {
    if (typeof b.today !== 'string' || !isDay(b.today)) return bad('today', 'today must be a day, YYYY-MM-DD');
    day = b.today;
  } else {
    const n = b.advanceDays;
    if (typeof n !== 'number' || !Number.isInteger(n)) return bad('advanceDays', 'advanceDays must be a whole number of days');
    if (n > MAX_ADVANCE_DAYS) return bad('advanceDays', `advanceDays must be at most ${MAX_ADVANCE_DAYS}`);
    day = addDays(today, n);
  }
  if (day < today)
    return { status: 409, body: { error: `the business day is ${today}: it does not go back to ${day} (statuses never rewind)`, today } };
  return { day };
}

export function createAdminHandler(deps: AdminDeps): AdminHandler {
  const dayTimers = (deps.dayTimers ?? DAY_TIMERS).filter((n) => deps.timerNames.includes(n));
  // One clock move at a time: a second request waits for the first and then moves on from its day.
  let moving: Promise<unknown> = Promise.resolve();

  async function moveTo(clock: MovableClock, day: string): Promise<AdminResponse> {
    let current = clock.today();
    while (current < day) {
      current = addDays(current, 1);
      clock.setDay(current);
      await deps.onDay?.(current);
      for (const name of dayTimers) {
        deps.log(`clock: ${current}: ${name}`);
        await deps.fire?.(name);
        await deps.drain?.();
      }
    }
    await deps.onDay?.(clock.today());
    return { status: 200, body: { today: clock.today() } };
  }

  return async (method, pathname, raw) => {
    const path = pathname.replace(/\/+$/, '');
    const fn = /^\/admin\/functions\/([^/]+)$/i.exec(path);
    if (fn) {
      if (method !== 'POST') return { status: 405, body: { error: 'POST runs the function' } };
      const name = deps.timerNames.find((n) => n.toLowerCase() === decodeURIComponent(fn[1]!).toLowerCase());
      if (!name || !deps.fire) {
        return {
          status: 404,
          body: {
            error: name ? `timers do not run in this host` : `no timer function named ${decodeURIComponent(fn[1]!)}`,
            timers: deps.timerNames,
          },
        };
      }
      deps.log(`admin: running ${name} now`);
      void deps.fire(name).catch((err) => deps.log(`admin: ${name}: ${String(err)}`));
      return { status: 202 };
    }
    if (/^\/admin\/clock$/i.test(path)) {
      const clock = deps.clock;
      if (!clock) return { status: 404, body: { error: 'this host has no movable business clock' } };
      if (method === 'GET') return { status: 200, body: { today: clock.today() } };
      if (method !== 'POST') return { status: 405, body: { error: 'POST moves the clock, GET reads it' } };
      const run = moving.then(async () => {
        const target = targetDay(clock.today(), raw);
        if (!('day' in target)) return target;
        try {
          return await moveTo(clock, target.day);
        } catch (err) {
          return {
            status: 500,
            body: {
              error: `moving the clock stopped on ${clock.today()}: ${err instanceof Error ? err.message : String(err)}`,
              today: clock.today(),
            },
          };
        }
      });
      moving = run.catch(() => {});
      return run;
    }
    return undefined;
  };
}

/**
 * Resolves once `queue` holds no message (peek sees active, locked and scheduled ones: a message being handled
 * is still there until completed) on two looks in a row; rejects after `timeoutMs`.
 */
export async function waitForQueueToDrain(client: ServiceBusClient, queue: string, timeoutMs = 300_000, everyMs = 200): Promise<void> {
  const receiver = client.createReceiver(queue, { receiveMode: 'peekLock' });
  const deadline = Date.now() + timeoutMs;
  let emptyLooks = 0;
  try {
    while (emptyLooks < 2) {
      const left = await receiver.peekMessages(1, { fromSequenceNumber: Long.ZERO });
      emptyLooks = left.length === 0 ? emptyLooks + 1 : 0;
      if (emptyLooks >= 2) break;
      if (Date.now() > deadline) throw new Error(`the ${queue} queue did not drain within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  } finally {
    await receiver.close().catch(() => {});
  }
}
