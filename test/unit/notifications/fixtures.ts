import { InvocationContext } from '@azure/functions';
import {
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentPreconditionError,
  partitionKeyOf,
  type ContainerName,
  type Document,
  type DocumentCollection,
  type DocumentStore,
  type Page,
  type Versioned,
} from '../../../shared/ports/index.js';
import type { OutboxEntry } from '../../../shared/domain/status/outbox.js';

export function sampleEntry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: 'p-1:dataAi:qualified:2026-03-14',
    partnerId: 'p-1',
    area: 'dataAi',
    kind: 'qualified',
    day: '2026-03-14',
    status: 'qualified',
    cause: 'qualifying-day-in-window',
    anniversary: null,
    eligibleToRenew: null,
    reminder: null,
    ...overrides,
  };
}

/** Point reads and conditional writes with ETags; enough for the notification record. */
export class MemoryCollection implements DocumentCollection {
  readonly docs = new Map<string, { doc: Document; etag: string }>();
  private version = 0;
  constructor(readonly name: ContainerName) {}
  private key(id: string, pk: string) {
    return `${pk}\u0000${id}`;
  }
  private put<T extends Document>(doc: T): Versioned<T> {
    const etag = `"v${++this.version}"`;
    this.docs.set(this.key(doc.id, partitionKeyOf(this.name, doc)), { doc: structuredClone(doc), etag });
    return { doc: structuredClone(doc), etag };
  }
  async read<T extends Document>(id: string, pk: string): Promise<Versioned<T> | undefined> {
    const found = this.docs.get(this.key(id, pk));
    return found ? { doc: structuredClone(found.doc) as T, etag: found.etag } : undefined;
  }
  async create<T extends Document>(doc: T): Promise<Versioned<T>> {
    if (this.docs.has(this.key(doc.id, partitionKeyOf(this.name, doc)))) throw new DocumentConflictError(this.name, doc.id);
    return this.put(doc);
  }
  async replace<T extends Document>(doc: T, ifMatch: string): Promise<Versioned<T>> {
    const found = this.docs.get(this.key(doc.id, partitionKeyOf(this.name, doc)));
    if (!found) throw new DocumentNotFoundError(this.name, doc.id);
    if (found.etag !== ifMatch) throw new DocumentPreconditionError(this.name, doc.id);
    return this.put(doc);
  }
  async upsert<T extends Document>(doc: T): Promise<Versioned<T>> {
    return this.put(doc);
  }
  async delete(id: string, pk: string): Promise<void> {
    this.docs.delete(this.key(id, pk));
  }
  async query<T>(): Promise<Page<T>> {
    throw new Error('not needed');
  }
  // eslint-disable-next-line require-yield
  async *queryAll<T>(): AsyncIterable<T> {
    throw new Error('not needed');
  }
}

export class MemoryStore implements DocumentStore {
  private readonly collections = new Map<ContainerName, MemoryCollection>();
  collection(name: ContainerName): MemoryCollection {
    let c = this.collections.get(name);
    if (!c) this.collections.set(name, (c = new MemoryCollection(name)));
    return c;
  }
}

export function testContext(messageId: string, lines: string[] = []): InvocationContext {
  return new InvocationContext({
    functionName: 'sendNotification',
    invocationId: messageId,
    triggerMetadata: { messageId, deliveryCount: 1 },
    logHandler: (level, ...args) => lines.push(`${level}: ${args.map(String).join(' ')}`),
  });
}
