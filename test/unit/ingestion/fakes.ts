// In-memory stand-ins for the ports the ingestion use cases depend on: a document store with ETags
// (the shared one, test/support/memory-store.ts), a bus that records what was sent, an export source
// over a map of files, a fixed clock, a log.
import { Readable } from 'node:stream';

import { compareBlobs, type ExportBlob, type ExportCursor, type ExportSource, isAfterCursor } from '../../../shared/ports/exportSource.js';
import type { Logger } from '../../../shared/ports/logger.js';
import { type MessageBus, type OutboundMessage } from '../../../shared/ports/messageBus.js';

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

export class MemoryLog implements Logger {
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
