// In-memory stand-ins for the ports the ingestion use cases depend on: a document store with ETags,
// a bus that records what was sent, an export source over a map of files, a fixed clock, a log.
import { Readable } from 'node:stream';
import {
  compareBlobs,
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentPreconditionError,
  isAfterCursor,
  partitionKeyOf,
  type ContainerName,
  type Document,
  type DocumentCollection,
  type DocumentStore,
  type ExportBlob,
  type ExportCursor,
  type ExportSource,
  type MessageBus,
  type OutboundMessage,
  type Page,
  type QueryOptions,
  type QuerySpec,
  type Versioned,
} from '../../../shared/ports/index.js';
import type { IngestionLog } from '../../../shared/ingestion/index.js';


export class MemoryCollection implements DocumentCollection {
  readonly docs = new Map<string, { doc: Document; etag: string }>();
  private version = 0;
  constructor(readonly name: ContainerName) {}

  private key(id: string, pk: string) {
    return `${pk}\u0000${id}`;
  }
  private put(doc: Document): Versioned<Document> {
    const etag = `"v${++this.version}"`;
    const copy = structuredClone(doc);
    this.docs.set(this.key(doc.id, partitionKeyOf(this.name, doc)), { doc: copy, etag });
    return { doc: structuredClone(copy), etag };
  }
  async read<T extends Document>(id: string, pk: string): Promise<Versioned<T> | undefined> {
    const found = this.docs.get(this.key(id, pk));
    return found ? { doc: structuredClone(found.doc) as T, etag: found.etag } : undefined;
  }
  async create<T extends Document>(doc: T): Promise<Versioned<T>> {
    if (this.docs.has(this.key(doc.id, partitionKeyOf(this.name, doc)))) throw new DocumentConflictError(this.name, doc.id);
    return this.put(doc) as Versioned<T>;
  }
  async replace<T extends Document>(doc: T, ifMatch: string): Promise<Versioned<T>> {
    const found = this.docs.get(this.key(doc.id, partitionKeyOf(this.name, doc)));
    if (!found) throw new DocumentNotFoundError(this.name, doc.id);
    if (found.etag !== ifMatch) throw new DocumentPreconditionError(this.name, doc.id);
    return this.put(doc) as Versioned<T>;
  }
  async upsert<T extends Document>(doc: T): Promise<Versioned<T>> {
    return this.put(doc) as Versioned<T>;
  }
  async delete(id: string, pk: string): Promise<void> {
    this.docs.delete(this.key(id, pk));
  }
  /** Understands just enough SQL for the use cases: `TOP n`, `c.pk = @pk`, one `ORDER BY c.field [DESC]`. */
  async query<T>(spec: QuerySpec, _options?: QueryOptions): Promise<Page<T>> {
    const pk = spec.parameters?.find((p) => p.name === '@pk')?.value;
    let items = [...this.docs.values()].map((d) => structuredClone(d.doc)).filter((d) => pk === undefined || d.pk === pk);
    const order = /ORDER BY c\.(\w+)( DESC)?/i.exec(spec.query);
    if (order) {
      const field = order[1]!;
      const sign = order[2] ? -1 : 1;
      items.sort((a, b) => sign * (String(a[field]) < String(b[field]) ? -1 : String(a[field]) > String(b[field]) ? 1 : 0));
    }
    const top = /TOP (\d+)/i.exec(spec.query);
    if (top) items = items.slice(0, Number(top[1]));
    return { items: items as T[] };
  }
  async *queryAll<T>(spec: QuerySpec): AsyncIterable<T> {
    yield* (await this.query<T>(spec)).items;
  }
  ofPartition(pk: string): Document[] {
    return [...this.docs.values()].filter((d) => d.doc.pk === pk).map((d) => structuredClone(d.doc));
  }
}

export class MemoryStore implements DocumentStore {
  readonly collections = new Map<ContainerName, MemoryCollection>();
  collection(name: ContainerName): MemoryCollection {
    let c = this.collections.get(name);
    if (!c) {
      c = new MemoryCollection(name);
      this.collections.set(name, c);
    }
    return c;
  }
}

export class RecordingBus implements MessageBus {
  readonly sent: Array<{ queue: string; message: OutboundMessage }> = [];
  /** Set to make the next sends fail. */
  failWith: Error | undefined;
  async send(queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    for (const message of messages) this.sent.push({ queue, message: structuredClone(message) });
  }
  ids(): string[] {
    return this.sent.map((s) => s.message.messageId);
  }
}

export interface MemoryFile {
  content: string | Buffer;
  lastModified: string;
  etag: string;
  /** Throw on open (or while streaming) this many times. */
  failOpens?: number;
  failMidStream?: number;
}

export class MemoryExports implements ExportSource {
  readonly files = new Map<string, MemoryFile>();
  opened: string[] = [];
  onOpen: ((name: string) => Promise<void>) | undefined;
  private etags = 0;

  put(name: string, content: string | Buffer, lastModified: string, extra: Partial<MemoryFile> = {}): MemoryFile {
    const file = { content, lastModified, etag: `"0x${++this.etags}"`, ...extra };
    this.files.set(name, file);
    return file;
  }
  async listChangedSince(cursor: ExportCursor | undefined, options: { prefix?: string } = {}): Promise<ExportBlob[]> {
    return [...this.files.entries()]
      .filter(([name]) => !options.prefix || name.startsWith(options.prefix))
      .map(([name, f]) => ({ name, lastModified: f.lastModified, etag: f.etag, size: Buffer.byteLength(f.content) }))
      .filter((b) => isAfterCursor(b, cursor))
      .sort(compareBlobs);
  }
  async open(name: string): Promise<Readable> {
    this.opened.push(name);
    await this.onOpen?.(name);
    const file = this.files.get(name);
    if (!file) throw new Error(`no blob ${name}`);
    if (file.failOpens) {
      file.failOpens--;
      throw new Error(`blob ${name} is not readable`);
    }
    const buffer = Buffer.from(file.content);
    if (file.failMidStream) {
      file.failMidStream--;
      const half = buffer.subarray(0, Math.floor(buffer.length / 2));
      return Readable.from(
        (async function* () {
          yield half;
          throw new Error('connection reset while reading');
        })(),
      );
    }
    // Small chunks, so the importer really streams.
    const chunks: Buffer[] = [];
    for (let i = 0; i < buffer.length; i += 64) chunks.push(buffer.subarray(i, i + 64));
    return Readable.from(chunks);
  }
}

export const fixedClock = (iso: string) => {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set(next: string) {
      now = new Date(next);
    },
  };
};

export class MemoryLog implements IngestionLog {
  readonly lines: Array<{ level: 'log' | 'warn' | 'error'; text: string }> = [];
  log(...args: unknown[]) {
    this.lines.push({ level: 'log', text: args.map(String).join(' ') });
  }
  warn(...args: unknown[]) {
    this.lines.push({ level: 'warn', text: args.map(String).join(' ') });
  }
  error(...args: unknown[]) {
    this.lines.push({ level: 'error', text: args.map(String).join(' ') });
  }
  text(): string {
    return this.lines.map((l) => `${l.level}: ${l.text}`).join('\n');
  }
}
