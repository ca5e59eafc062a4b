// Shared set-up of the hardening tests: both webhook endpoints driven as use cases on in-memory ports.
import { receiveClaimWebhook } from '../../../shared/claims/webhook.js';
import { receivePush } from '../../../shared/ingestion/push.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { MemoryStore } from '../../support/memory-store.js';
import { fixedClock, MemoryLog, RecordingBus } from '../ingestion/fakes.js';

export const SECRET = 'whsec_' + Buffer.from('hardening-unit-secret').toString('base64');
export const NOW = '2026-11-21T08:00:00Z';

export type Endpoint = 'changes' | 'claims';

export function webhooks() {
  const store = new MemoryStore();
  const bus = new RecordingBus();
  const clock = fixedClock(NOW);
  const log = new MemoryLog();
  let n = 0;
  /** Posts `body` (bytes, text, or a value to JSON-encode) signed, to one endpoint. */
  async function post(endpoint: Endpoint, body: unknown, id = `msg_${++n}`) {
    const raw = body instanceof Uint8Array || typeof body === 'string' ? body : JSON.stringify(body);
    const headers = signWebhook({ id, timestamp: new Date(NOW), body: raw, secret: SECRET });
    const request = { headers, body: raw };
    return endpoint === 'changes'
      ? receivePush({ store, bus, clock }, { secrets: [SECRET], log }, request)
      : receiveClaimWebhook({ store, repos: store.repos, bus, clock }, { secrets: [SECRET], log }, request);
  }
  /** Every stored document other than webhook delivery records, and the delivery records. */
  function stored() {
    const all = [...store.collections.values()].flatMap((c) => [...c.docs.values()].map((r) => r.doc as Record<string, unknown>));
    return { facts: all.filter((d) => d.type !== 'webhook-delivery'), deliveries: all.filter((d) => d.type === 'webhook-delivery') };
  }
  return { store, bus, log, post, stored };
}

/** `[[[…"CSP_T1"…]]]` as JSON text, `levels` deep (JSON.stringify itself would overflow). */
export function nestedText(levels: number): string {
  return `${'['.repeat(levels)}"CSP_T1"${']'.repeat(levels)}`;
}

/** `[[[…value…]]]`, `levels` deep. */
export function nested(levels: number, value: unknown = 'CSP_T1'): unknown {
  let v = value;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}
