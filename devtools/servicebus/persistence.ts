// Persistence of the Service Bus stand-in (opt-in: `dataDir`): the queues' messages, scheduled messages,
// dead-letter sub-queues and duplicate-detection history, in an fsynced journal (../standins/journal.mjs).
//
// Records, one JSON line each, keyed by the queue's name and the message's sequence number (a message
// keeps its number when it moves to the dead-letter sub-queue):
//   { t: 'put', q, dlq, s, m, at, dc, sf? }  the message's whole state: m = the AMQP message as encoded
//                                            by rhea (base64), at = enqueued, dc = delivery count,
//                                            sf = scheduled for; dlq = in the dead-letter sub-queue
//   { t: 'del', q, s }                       completed / received-and-deleted / cancelled
//   { t: 'seen', q, k, u }                   messageId k in the dedupe history until u
//   { t: 'seq', q, n }                       next sequence number (snapshots only)
// Locks are not journalled: a message locked when the stand-in died comes back, active, with the
// delivery count it had. The server acknowledges sends, settlements and management requests only
// after `afterDurable`, so an accepted send or an echoed completion survives kill -9.
import rhea from 'rhea';

import { Journal } from '../standins/journal.mjs';
import { type AmqpMessage, decodeMessage } from './encoding.js';
import type { Queue, QueueStore, StoredMessage } from './queue.js';
import type { QueueRegistry } from './registry.js';

type PutRecord = { t: 'put'; q: string; dlq: boolean; s: number; m: string; at: number; dc: number; sf?: number };
type JournalRecord =
  PutRecord | { t: 'del'; q: string; s: number } | { t: 'seen'; q: string; k: string; u: number } | { t: 'seq'; q: string; n: number };

export interface ServiceBusPersistence {
  /** Runs `fn` once everything journalled so far is on disk (at once when nothing is pending). */
  afterDurable(fn: () => void, onError: (err: Error) => void): void;
  /** Messages and dedupe entries loaded at start. */
  loaded: { messages: number; queues: number };
  close(): Promise<void>;
}

function encode(amqp: AmqpMessage): string {
  return (rhea.message.encode(amqp as never) as Buffer).toString('base64');
}

function putRecord(queue: string, dlq: boolean, message: StoredMessage): PutRecord {
  const record: PutRecord = {
    t: 'put',
    q: queue,
    dlq,
    s: message.sequenceNumber,
    m: encode(message.amqp),
    at: message.enqueuedAt,
    dc: message.deliveryCount,
  };
  if (message.scheduledFor !== undefined) record.sf = message.scheduledFor;
  return record;
}

/** Loads `dir` into the registry and journals every later change of its queues. */
export function persistServiceBus(dir: string, registry: QueueRegistry, log: (line: string) => void): ServiceBusPersistence {
  const snapshot = function* (): Iterable<JournalRecord> {
    for (const queue of registry.all()) {
      const state = queue.durableState();
      yield { t: 'seq', q: queue.name, n: state.nextSequenceNumber };
      for (const [k, u] of state.seen) yield { t: 'seen', q: queue.name, k, u };
      for (const m of state.messages) yield putRecord(queue.name, false, m);
      for (const m of queue.deadLetterQueue?.durableState().messages ?? []) yield putRecord(queue.name, true, m);
    }
  };
  const { journal, records } = Journal.open(dir, 'servicebus', { snapshot, onError: (err) => log(`journal: ${err.message}`) });

  // Replay: the last put or del of each (queue, sequence number) wins.
  const messages = new Map<string, Map<number, PutRecord>>();
  const seen = new Map<string, Map<string, number>>();
  const sequences = new Map<string, number>();
  const key = (q: string) => q.toLowerCase();
  for (const r of records as JournalRecord[]) {
    const q = key(r.q);
    if (r.t === 'put') {
      let byQueue = messages.get(q);
      if (!byQueue) messages.set(q, (byQueue = new Map()));
      byQueue.set(r.s, r);
      sequences.set(q, Math.max(sequences.get(q) ?? 1, r.s + 1));
    } else if (r.t === 'del') messages.get(q)?.delete(r.s);
    else if (r.t === 'seen') {
      let byQueue = seen.get(q);
      if (!byQueue) seen.set(q, (byQueue = new Map()));
      byQueue.set(r.k, r.u);
    } else if (r.t === 'seq') sequences.set(q, Math.max(sequences.get(q) ?? 1, r.n));
  }
  const names = new Map<string, string>();
  for (const r of records as JournalRecord[]) if (!names.has(key(r.q))) names.set(key(r.q), r.q);
  let restored = 0;
  const now = Date.now();
  for (const [q, name] of names) {
    const queue = registry.find(name) ?? registry.define(name, {});
    queue.restoreSequence(sequences.get(q) ?? 1);
    for (const [k, u] of seen.get(q) ?? []) if (u > now) queue.restoreSeen(k, u);
    const puts = [...(messages.get(q)?.values() ?? [])].sort((a, b) => a.s - b.s);
    for (const r of puts) {
      const message: StoredMessage = {
        sequenceNumber: r.s,
        amqp: decodeMessage(Buffer.from(r.m, 'base64')),
        enqueuedAt: r.at,
        deliveryCount: r.dc,
      };
      if (r.sf !== undefined) message.scheduledFor = r.sf;
      (r.dlq ? (queue.deadLetterQueue ?? queue) : queue).restore(message);
      restored++;
    }
  }
  // A fresh snapshot: the journal starts empty and a torn tail is gone.
  journal.compact(snapshot());

  const storeFor = (queue: Queue, dlq: boolean): QueueStore => ({
    put: (message) => journal.append(putRecord(queue.name, dlq, message)),
    remove: (s) => journal.append({ t: 'del', q: queue.name, s }),
    seen: (k, u) => journal.append({ t: 'seen', q: queue.name, k, u }),
  });
  const attach = (queue: Queue) => {
    queue.store = storeFor(queue, false);
    if (queue.deadLetterQueue) queue.deadLetterQueue.store = storeFor(queue, true);
  };
  for (const queue of registry.all()) attach(queue);
  registry.onDefine = attach;

  return {
    afterDurable(fn, onError) {
      if (!journal.dirty) return fn();
      journal.durable().then(fn, onError);
    },
    loaded: { messages: restored, queues: names.size },
    close: () => journal.close(),
  };
}
