// The local host's admin endpoints over HTTP, against the Service Bus stand-in: POST /admin/clock runs each
// day's timers in order and waits for that day's queued messages to be handled before the next day;
// POST /admin/functions/{name} answers 202 and runs the timer; the routes still answer.
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, describe, expect, it } from 'vitest';

import { createAdminHandler, waitForQueueToDrain } from '../../../devtools/host/admin.js';
import { HttpResponse } from '../../../devtools/host/azure-functions.js';
import type { RegisteredFunction } from '../../../devtools/host/fake-core.js';
import { startHttpServer } from '../../../devtools/host/http.js';
import { startServiceBusTriggers } from '../../../devtools/host/servicebus.js';
import { clockOnDay } from '../../../shared/adapters/system/clock.js';
import { stackConfig, unique, waitFor } from '../helpers.js';

const config = stackConfig();
const client = new ServiceBusClient(config.ServiceBusConnection);
afterAll(() => client.close());

describe('admin endpoints of the local host', () => {
  it('moves the business day, day by day, draining the queue between the timers', async () => {
    const queue = unique('recompute');
    const clock = clockOnDay('2026-11-21');
    const events: string[] = [];
    const days: string[] = [];
    const recompute: RegisteredFunction = {
      name: 'recomputePartner',
      bindings: {},
      trigger: { name: 'trigger', type: 'serviceBusTrigger', direction: 'in', queueName: queue, connection: 'SB' },
      handler: (async (body: { n: number }) => {
        await new Promise((r) => setTimeout(r, 150));
        events.push(`${clock.today()} recompute ${body.n}`);
      }) as RegisteredFunction['handler'],
    };
    const triggers = startServiceBusTriggers({
      functions: [recompute],
      settings: { SB: config.ServiceBusConnection },
      maxDeliveryCount: 3,
      log: () => {},
    });
    const sender = client.createSender(queue);
    const hello: RegisteredFunction = {
      name: 'hello',
      bindings: {},
      trigger: { name: 'req', type: 'httpTrigger', direction: 'in', methods: ['GET'], route: 'api/hello' },
      handler: async () => new HttpResponse({ jsonBody: { hello: true } }),
    };
    const admin = createAdminHandler({
      timerNames: ['nightlyRecompute', 'claimDeadlines', 'importExports'],
      fire: async (name) => {
        events.push(`${clock.today()} ${name}`);
        if (name === 'nightlyRecompute')
          await sender.sendMessages([1, 2].map((n) => ({ messageId: `${clock.today()}-${n}`, body: { n } })));
      },
      clock,
      onDay: async (day) => void days.push(day),
      drain: () => waitForQueueToDrain(client, queue, 30_000, 100),
      log: () => {},
    });
    const server = await startHttpServer({
      functions: [hello],
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      routePrefix: '',
      admin: () => admin,
    });
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      const moved = await post('/admin/clock', { advanceDays: 2 });
      expect(moved.status).toBe(200);
      expect(await moved.json()).toEqual({ today: '2026-11-23' });
      const sorted = (day: string) => events.filter((e) => e.startsWith(day));
      // Each day: the nightly recompute, its messages handled, then claim deadlines; the next day after.
      for (const day of ['2026-11-22', '2026-11-23']) {
        const of = sorted(day);
        expect(of[0]).toBe(`${day} nightlyRecompute`);
        expect(of.slice(1, 3).sort()).toEqual([`${day} recompute 1`, `${day} recompute 2`]);
        expect(of[3]).toBe(`${day} claimDeadlines`);
      }
      expect(events.indexOf('2026-11-23 nightlyRecompute')).toBeGreaterThan(events.indexOf('2026-11-22 claimDeadlines'));
      expect(days).toContain('2026-11-23');

      const back = await post('/admin/clock', { today: '2026-11-01' });
      expect(back.status).toBe(409);
      expect(back.headers.get('content-type')).toMatch(/application\/json/);
      const badBody = await post('/admin/clock', { today: 'tomorrow' });
      expect(badBody.status).toBe(400);
      expect(await badBody.json()).toMatchObject({ field: 'today' });

      const run = await post('/admin/functions/importExports', { input: '' });
      expect(run.status).toBe(202);
      await waitFor('importExports to run', async () => events.includes('2026-11-23 importExports'));
      const unknown = await post('/admin/functions/recomputePartner', {});
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: expect.stringContaining('recomputePartner') });

      // Not an admin path: the routes as before.
      expect(await (await fetch(`${server.url}/api/hello`)).json()).toEqual({ hello: true });
      expect((await fetch(`${server.url}/admin/host/status`)).status).toBe(404);
    } finally {
      await server.close();
      await sender.close();
      await triggers.stop();
    }
  });
});
