// Burst: 100 partners' changes at once, applied in-process (Promise.all) on the in-memory store with a
// recording bus, mail settle 0. Latency per change: from the start of the burst to its notification
// message on the bus (dispatch), or to the end of its apply when the change raises no notification.
// In-process only: not through the local stack (HTTP, Service Bus emulator, SMTP).
import { performance } from 'node:perf_hooks';

import { makeMessage } from '../shared/domain/changes/message.js';
import { applyPartnerChanges } from '../shared/pipeline/apply.js';
import { recomputePartner } from '../shared/pipeline/recompute.js';
import type { MessageBus, OutboundMessage } from '../shared/ports/messageBus.js';
import { MemoryStore } from '../test/support/memory-store.js';
import { customerEvents, seedPartner } from './seed.js';
import { benchClock } from './store-ops.js';

export interface BurstResult {
  partners: number;
  notifications: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  wallMs: number;
}

class TimedBus implements MessageBus {
  readonly firstAt = new Map<string, number>();
  count = 0;
  async send(queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (queue !== 'notifications') return;
    const at = performance.now();
    for (const m of messages) {
      this.count++;
      const key = String(m.applicationProperties?.partnerId ?? m.messageId);
      if (!this.firstAt.has(key)) this.firstAt.set(key, at);
    }
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

export async function burst(partners = 100, customers = 20): Promise<BurstResult> {
  const store = new MemoryStore();
  const quiet: MessageBus = { send: async () => {} };
  const ids = Array.from({ length: partners }, (_, i) => `b-${i}`);
  for (const id of ids) {
    await seedPartner(store, id, customers);
    await recomputePartner({ store, repos: store.repos, bus: quiet, clock: benchClock }, id);
  }
  const bus = new TimedBus();
  const deps = { store, repos: store.repos, bus, clock: benchClock, mailSettleSeconds: 0 };
  // A big Azure month for customer 0 of each partner: a change that moves the score.
  const messages = ids.map((id) => makeMessage(id, customerEvents(id, 0, '2026-11-21T05:00:00Z', 250_000).slice(2), { file: 'burst' }));
  const t0 = performance.now();
  const done = await Promise.all(
    messages.map(async (m) => {
      const r = await applyPartnerChanges(deps, m);
      if (r.outcome !== 'applied') throw new Error(`burst change not applied: ${r.reason}`);
      return { partnerId: m.partnerId, at: performance.now() };
    }),
  );
  const wallMs = performance.now() - t0;
  const latencies = done.map((d) => (bus.firstAt.get(d.partnerId) ?? d.at) - t0).sort((a, b) => a - b);
  return {
    partners,
    notifications: bus.count,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    wallMs,
  };
}
