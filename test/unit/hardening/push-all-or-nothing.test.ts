// Issue 11, defect 3: a push is all or nothing. Every change is validated and every message built before
// any is sent; a send that fails midway answers 503 without recording the delivery, so the sender's
// retry completes it (same message ids: what got through is dropped as a duplicate); a change that can
// never be sent is a 400 for the whole delivery, before anything is sent.
import { describe, expect, it } from 'vitest';

import { type PushOptions, receivePush } from '../../../shared/ingestion/push.js';
import type { MessageBus, OutboundMessage } from '../../../shared/ports/messageBus.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { MemoryStore } from '../../support/memory-store.js';
import { fixedClock, MemoryLog } from '../ingestion/fakes.js';

const SECRET = 'whsec_' + Buffer.from('unit-test-secret-one').toString('base64');
const NOW = '2026-11-21T08:00:00Z';

const change = (partnerId: string, tenantId = 't-1') => ({
  fact: 'association',
  partnerId,
  tenantId,
  type: 'CSP_T1',
  from: '2025-01-01',
  observedAt: '2026-11-21T07:00:00Z',
});

/** Accepts the first `okMessages` messages of the next send, then fails (a broker that drops midway). */
class HalfwayBus implements MessageBus {
  readonly accepted: OutboundMessage[] = [];
  constructor(public okMessages: number) {}
  async send(_queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    for (const m of messages) {
      if (this.okMessages <= 0) throw new Error('ServiceUnavailable: the broker went away');
      this.okMessages--;
      this.accepted.push(m);
    }
  }
}

function setup(bus: MessageBus, options: Partial<PushOptions> = {}) {
  const store = new MemoryStore();
  const push = (value: unknown, id = 'msg_1') => {
    const body = JSON.stringify(value);
    return receivePush(
      { store, bus, clock: fixedClock(NOW) },
      { secrets: [SECRET], log: new MemoryLog(), ...options },
      { headers: signWebhook({ id, timestamp: new Date(NOW), body, secret: SECRET }), body },
    );
  };
  return { store, push };
}

describe('a push is all or nothing', () => {
  it('a send that fails midway answers 503, records nothing, and the retry of the same delivery completes it', async () => {
    const bus = new HalfwayBus(1);
    const t = setup(bus);
    const body = [change('4100001'), change('4100002')];
    const first = await t.push(body);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ error: expect.stringContaining('retry') });
    expect(bus.accepted).toHaveLength(1);

    bus.okMessages = 10;
    const retry = await t.push(body);
    expect(retry.status).toBe(202);
    expect(retry.replayed).toBeUndefined();
    // The retry sent both messages again, with the same ids: the one that got through first is a duplicate.
    const ids = bus.accepted.map((m) => m.messageId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(2);
    expect((retry.body as { messages: string[] }).messages).toEqual(ids.slice(1));
  });

  it('a change too large for any message is a 400 for the whole delivery, before anything is sent', async () => {
    const bus = new HalfwayBus(10);
    const t = setup(bus, { maxMessageBytes: 700 });
    const big = { ...change('4100001', 't-big'), workload: 'W'.repeat(400) };
    const answer = await t.push([change('4100002'), big]);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ index: 1, message: expect.stringContaining('too large for a message') }] });
    expect(bus.accepted).toEqual([]);
  });

  it('cuts a partner’s changes into messages by size as well as by count', async () => {
    const bus = new HalfwayBus(100);
    const t = setup(bus, { maxMessageBytes: 1_500 });
    const changes = Array.from({ length: 12 }, (_, i) => change('4100001', `t-${i}`));
    expect((await t.push(changes)).status).toBe(202);
    expect(bus.accepted.length).toBeGreaterThan(1);
    for (const m of bus.accepted) expect(Buffer.byteLength(JSON.stringify(m.body))).toBeLessThanOrEqual(1_500);
    const sent = bus.accepted.flatMap((m) => (m.body as { changes: Array<{ tenantId: string }> }).changes.map((c) => c.tenantId));
    expect(sent).toEqual(changes.map((c) => c.tenantId));
  });
});
