// The local host's admin endpoints (devtools/host/admin.ts) on fakes: POST /admin/functions/{name} and the
// movable business day of POST /admin/clock.
import { describe, expect, it } from 'vitest';

import { addDays, type AdminDeps, createAdminHandler, MAX_ADVANCE_DAYS, targetDay } from '../../../devtools/host/admin.js';
import { clockOnDay } from '../../../shared/adapters/system/clock.js';

const real = () => new Date('2026-12-01T10:30:00Z');
const json = (body: unknown) => Buffer.from(JSON.stringify(body));

function setup(overrides: Partial<AdminDeps> = {}) {
  const clock = clockOnDay('2026-11-21', real);
  const events: string[] = [];
  const handler = createAdminHandler({
    timerNames: ['importExports', 'nightlyRecompute', 'claimDeadlines'],
    fire: async (name) => void events.push(`${clock.today()} ${name}`),
    clock,
    onDay: async (day) => void events.push(`${day} marker`),
    drain: async () => void events.push(`${clock.today()} drain`),
    log: () => {},
    ...overrides,
  });
  return { clock, events, handler };
}

describe('movable business clock', () => {
  it('setDay moves today and keeps the time of day', () => {
    const clock = clockOnDay('2026-11-21', real);
    expect(clock.now().toISOString()).toBe('2026-11-21T10:30:00.000Z');
    clock.setDay('2027-01-05');
    expect(clock.today()).toBe('2027-01-05');
    expect(clock.now().toISOString()).toBe('2027-01-05T10:30:00.000Z');
    expect(clockOnDay(undefined, real).today()).toBe('2026-12-01');
    expect(() => clock.setDay('2027-02-30')).toThrow(RangeError);
  });
});

describe('POST /admin/clock', () => {
  it('runs each day passed: marker, nightly recompute, drain, claim deadlines, drain — in order', async () => {
    const { handler, events, clock } = setup();
    expect(await handler('POST', '/admin/clock', json({ advanceDays: 2 }))).toEqual({ status: 200, body: { today: '2026-11-23' } });
    expect(events).toEqual([
      '2026-11-22 marker',
      '2026-11-22 nightlyRecompute',
      '2026-11-22 drain',
      '2026-11-22 claimDeadlines',
      '2026-11-22 drain',
      '2026-11-23 marker',
      '2026-11-23 nightlyRecompute',
      '2026-11-23 drain',
      '2026-11-23 claimDeadlines',
      '2026-11-23 drain',
      '2026-11-23 marker',
    ]);
    events.length = 0;
    expect(await handler('POST', '/admin/clock', json({ today: '2026-11-24' }))).toEqual({ status: 200, body: { today: '2026-11-24' } });
    expect(events.filter((e) => e.endsWith('Recompute'))).toEqual(['2026-11-24 nightlyRecompute']);
    expect(clock.today()).toBe('2026-11-24');
    expect(await handler('GET', '/admin/clock', Buffer.alloc(0))).toEqual({ status: 200, body: { today: '2026-11-24' } });
  });

  it('the same day again runs nothing', async () => {
    const { handler, events } = setup();
    expect(await handler('POST', '/admin/clock', json({ today: '2026-11-21' }))).toEqual({ status: 200, body: { today: '2026-11-21' } });
    expect(await handler('POST', '/admin/clock', json({ advanceDays: 0 }))).toMatchObject({ status: 200 });
    expect(events.filter((e) => !e.endsWith('marker'))).toEqual([]);
  });

  it('refuses going back with 409 and leaves the day', async () => {
    const { handler, clock, events } = setup();
    expect(await handler('POST', '/admin/clock', json({ today: '2026-11-20' }))).toMatchObject({
      status: 409,
      body: { today: '2026-11-21' },
    });
    expect(await handler('POST', '/admin/clock', json({ advanceDays: -1 }))).toMatchObject({ status: 409 });
    expect(clock.today()).toBe('2026-11-21');
    expect(events).toEqual([]);
  });

  it('answers a bad body with 400 naming the field', async () => {
    const { handler } = setup();
    const field = async (raw: Buffer) => {
      const answer = await handler('POST', '/admin/clock', raw);
      expect(answer?.status).toBe(400);
      return (answer?.body as { field: string }).field;
    };
    expect(await field(Buffer.from('{'))).toBe('body');
    expect(await field(json([1]))).toBe('body');
    expect(await field(json({}))).toBe('body');
    expect(await field(json({ today: '2026-11-25', advanceDays: 1 }))).toBe('body');
    expect(await field(json({ tomorrow: true }))).toBe('tomorrow');
    expect(await field(json({ today: '25.11.2026' }))).toBe('today');
    expect(await field(json({ today: '2026-02-30' }))).toBe('today');
    expect(await field(json({ advanceDays: 1.5 }))).toBe('advanceDays');
    expect(await field(json({ advanceDays: '3' }))).toBe('advanceDays');
    expect(await field(json({ advanceDays: MAX_ADVANCE_DAYS + 1 }))).toBe('advanceDays');
  });

  it('serialises concurrent moves', async () => {
    const { handler, events } = setup();
    const [a, b] = await Promise.all([
      handler('POST', '/admin/clock', json({ advanceDays: 1 })),
      handler('POST', '/admin/clock', json({ advanceDays: 1 })),
    ]);
    expect([a?.body, b?.body]).toEqual([{ today: '2026-11-22' }, { today: '2026-11-23' }]);
    expect(events.filter((e) => e.endsWith('nightlyRecompute'))).toEqual(['2026-11-22 nightlyRecompute', '2026-11-23 nightlyRecompute']);
  });

  it('is 404 without a movable clock', async () => {
    const { handler } = setup({ clock: undefined });
    expect(await handler('POST', '/admin/clock', json({ advanceDays: 1 }))).toMatchObject({ status: 404 });
  });

  it('targetDay and addDays cross month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(targetDay('2028-02-28', json({ advanceDays: 1 }))).toEqual({ day: '2028-02-29' });
  });
});

describe('POST /admin/functions/{name}', () => {
  it('runs a timer function now and answers 202', async () => {
    const { handler, events } = setup();
    expect(await handler('POST', '/admin/functions/importExports', json({ input: '' }))).toEqual({ status: 202 });
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual(['2026-11-21 importExports']);
  });

  it('answers 404 JSON for an unknown or non-timer function', async () => {
    const { handler } = setup();
    const answer = await handler('POST', '/admin/functions/recomputePartner', Buffer.alloc(0));
    expect(answer).toMatchObject({ status: 404, body: { error: expect.stringContaining('recomputePartner') } });
    expect(await handler('POST', '/admin/functions/nope', Buffer.alloc(0))).toMatchObject({ status: 404 });
    expect(await handler('GET', '/admin/functions/importExports', Buffer.alloc(0))).toMatchObject({ status: 405 });
  });

  it('leaves other paths to the routes', async () => {
    const { handler } = setup();
    expect(await handler('GET', '/admin/host/status', Buffer.alloc(0))).toBeUndefined();
  });
});
