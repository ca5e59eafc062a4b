// Test doubles for the pipeline: an in-memory DocumentStore (enough SQL for the pipeline's queries), a
// recording MessageBus, a clock the test moves, and the sample export files as change messages.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeMessage, type ChangeEvent, type PartnerChangeMessage } from '../../../shared/domain/changes/index.js';
import { parseExportStream } from '../../../shared/imports/index.js';
import {
  CONTAINERS,
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentPreconditionError,
  partitionKeyOf,
  type Clock,
  type ContainerName,
  type Document,
  type DocumentCollection,
  type DocumentStore,
  type MessageBus,
  type OutboundMessage,
  type Page,
  type QueryOptions,
  type QuerySpec,
  type Versioned,
} from '../../../shared/ports/index.js';

// ---------------------------------------------------------------------------------------------
// In-memory store

type Row = { doc: Document; etag: string };

export class MemoryStore implements DocumentStore {
  private readonly collections = new Map<ContainerName, MemoryCollection>();
  collection(name: ContainerName): MemoryCollection {
    let c = this.collections.get(name);
    if (!c) {
      c = new MemoryCollection(name);
      this.collections.set(name, c);
    }
    return c;
  }
}

let etagCounter = 0;
const nextEtag = () => `"e${++etagCounter}"`;

export class MemoryCollection implements DocumentCollection {
  readonly rows = new Map<string, Row>();
  constructor(readonly name: ContainerName) {}

  private key(id: string, pk: string) {
    return JSON.stringify([pk, id]);
  }
  async read<T extends Document>(id: string, partitionKey: string): Promise<Versioned<T> | undefined> {
    const r = this.rows.get(this.key(id, partitionKey));
    return r ? { doc: structuredClone(r.doc) as T, etag: r.etag } : undefined;
  }
  async create<T extends Document>(doc: T): Promise<Versioned<T>> {
    const k = this.key(doc.id, partitionKeyOf(this.name, doc));
    if (this.rows.has(k)) throw new DocumentConflictError(this.name, doc.id);
    return this.put(k, doc);
  }
  async replace<T extends Document>(doc: T, ifMatch: string): Promise<Versioned<T>> {
    const k = this.key(doc.id, partitionKeyOf(this.name, doc));
    const r = this.rows.get(k);
    if (!r) throw new DocumentNotFoundError(this.name, doc.id);
    if (r.etag !== ifMatch) throw new DocumentPreconditionError(this.name, doc.id);
    return this.put(k, doc);
  }
  async upsert<T extends Document>(doc: T): Promise<Versioned<T>> {
    return this.put(this.key(doc.id, partitionKeyOf(this.name, doc)), doc);
  }
  async delete(id: string, partitionKey: string, ifMatch?: string): Promise<void> {
    const k = this.key(id, partitionKey);
    const r = this.rows.get(k);
    if (r && ifMatch && r.etag !== ifMatch) throw new DocumentPreconditionError(this.name, id);
    this.rows.delete(k);
  }
  private put<T extends Document>(k: string, doc: T): Versioned<T> {
    const etag = nextEtag();
    this.rows.set(k, { doc: structuredClone(doc), etag });
    return { doc: structuredClone(doc), etag };
  }

  /** The pipeline's two query shapes (partner load; partner listing). */
  async query<T>(spec: QuerySpec, options: QueryOptions = {}): Promise<Page<T>> {
    const params = new Map((spec.parameters ?? []).map((p) => [p.name, p.value]));
    const pkField = CONTAINERS[this.name].partitionKey;
    let results: unknown[];
    if (/SELECT c AS doc, c\._etag AS etag FROM c WHERE c\.partnerId = @p AND c\.id != @explanations/.test(spec.query)) {
      results = [...this.rows.values()]
        .filter((r) => r.doc[pkField] === params.get('@p') && r.doc.id !== params.get('@explanations'))
        .map((r) => ({ doc: { ...structuredClone(r.doc), _etag: r.etag, _rid: 'x', _ts: 1 }, etag: r.etag }));
    } else if (/SELECT c\.partnerId FROM c WHERE c\.id = @profile OR c\.id = @state/.test(spec.query)) {
      results = [...this.rows.values()]
        .filter((r) => r.doc.id === params.get('@profile') || r.doc.id === params.get('@state'))
        .map((r) => ({ partnerId: r.doc.partnerId }));
    } else {
      throw new Error(`MemoryCollection: query not supported: ${spec.query}`);
    }
    const start = options.continuationToken ? Number(options.continuationToken) : 0;
    const size = options.pageSize ?? 100;
    const items = results.slice(start, start + size) as T[];
    return start + size < results.length ? { items, continuationToken: String(start + size) } : { items };
  }
  async *queryAll<T>(spec: QuerySpec, options: Omit<QueryOptions, 'continuationToken'> = {}): AsyncIterable<T> {
    let token: string | undefined;
    do {
      const page: Page<T> = await this.query<T>(spec, { ...options, ...(token ? { continuationToken: token } : {}) });
      yield* page.items;
      token = page.continuationToken;
    } while (token);
  }
}

// ---------------------------------------------------------------------------------------------
// Bus and clock

export interface SentMessage extends OutboundMessage {
  queue: string;
}

/** Records every message; forwards to `inner` when given (a real bus). */
export class RecordingBus implements MessageBus {
  readonly sent: SentMessage[] = [];
  constructor(private readonly inner?: MessageBus) {}
  async send(queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (this.inner) await this.inner.send(queue, messages);
    for (const m of messages) this.sent.push({ ...m, queue });
  }
  ids(queue: string): string[] {
    return this.sent.filter((m) => m.queue === queue).map((m) => m.messageId);
  }
}

/** A clock whose day the test sets and advances (time of day fixed at 06:00 UTC). */
export class TestClock implements Clock {
  private current: Date;
  constructor(day: string) {
    this.current = new Date(`${day}T06:00:00Z`);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(day: string): void {
    this.current = new Date(`${day}T06:00:00Z`);
  }
  day(): string {
    return this.current.toISOString().slice(0, 10);
  }
  nextDay(): string {
    this.current = new Date(this.current.getTime() + 86_400_000);
    return this.day();
  }
}

// ---------------------------------------------------------------------------------------------
// Samples

const samplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../samples');

/** The sample export files' change events for the given partners (snapshot files left out). */
export async function sampleChanges(partnerIds: readonly string[]): Promise<ChangeEvent[]> {
  const dir = path.join(samplesDir, 'exports');
  const out: ChangeEvent[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (name.includes('.snapshot.')) continue;
    const text = await readFile(path.join(dir, name), 'utf8');
    for await (const item of parseExportStream([text], { fileName: name, defaultObservedAt: '2026-11-20T06:00:00Z' })) {
      if ('change' in item && partnerIds.includes(item.change.partnerId)) out.push(item.change);
    }
  }
  return out;
}

/** The sample export changes of one partner as messages of at most `batchSize` changes. */
export async function sampleMessages(partnerId: string, batchSize = 200): Promise<PartnerChangeMessage[]> {
  const changes = await sampleChanges([partnerId]);
  const messages: PartnerChangeMessage[] = [];
  for (let i = 0; i < changes.length; i += batchSize) messages.push(makeMessage(partnerId, changes.slice(i, i + batchSize), { file: 'samples' }));
  return messages;
}

/** samples/changes/lift-4100003.json as a message (validated through the schema on receipt). */
export async function liftMessage(): Promise<PartnerChangeMessage> {
  const raw = JSON.parse(await readFile(path.join(samplesDir, 'changes', 'lift-4100003.json'), 'utf8')) as ChangeEvent[];
  return makeMessage('4100003', raw, { file: 'lift-4100003.json' });
}

/** A minimal InvocationContext-like object for calling handlers directly. */
export function fakeContext(functionName: string, messageId?: string, deliveryCount = 1) {
  const logs: string[] = [];
  const context = {
    functionName,
    invocationId: 'test',
    triggerMetadata: messageId ? { messageId, deliveryCount } : {},
    log: (...a: unknown[]) => logs.push(a.map(String).join(' ')),
    warn: (...a: unknown[]) => logs.push('WARN ' + a.map(String).join(' ')),
    error: (...a: unknown[]) => logs.push('ERROR ' + a.map(String).join(' ')),
  };
  return { context, logs };
}
