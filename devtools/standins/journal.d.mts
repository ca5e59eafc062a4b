// Types of journal.mjs (plain JS so the Cosmos stand-in's child process can load it without a loader).
export interface JournalOptions {
  /** Compact once the journal file grows past this many bytes (default 16 MiB). */
  compactBytes?: number;
  /** The whole current state as records; needed for automatic compaction. */
  snapshot?: () => Iterable<object>;
  onError?: (err: Error) => void;
}

export declare class Journal {
  static open(dir: string, name: string, options?: JournalOptions): { journal: Journal; records: unknown[] };
  readonly bytes: number;
  readonly dirty: boolean;
  readonly stats: { flushes: number; lines: number; fsyncMs: number };
  append(record: object): void;
  durable(): Promise<void>;
  flushSync(): void;
  compact(records: Iterable<object>): void;
  close(): Promise<void>;
}
