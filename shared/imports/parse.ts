// parseExportStream: an export file (CSV with a header, or NDJSON) → validated change events, one
// at a time, never holding more than a chunk and the current record in memory. A bad row yields an
// error item (file, line, column, reason) and parsing goes on. Line numbers are physical lines of
// the file (the CSV header is line 1); line 0 is about the file as a whole.
//
// This module holds what both formats share (the file's name and default time, the snapshot scope,
// turning one row's cells into an item); parse-csv.ts and parse-ndjson.ts read the two formats.
import { type ChangeEvent, type FactKind, normalizeTimestamp, SNAPSHOT_KINDS, type SnapshotKind } from '../domain/changes/events.js';
import type { Field } from './columns.js';
import { decodeText, type ExportSource } from './decode.js';
import { describeExportFile } from './file-name.js';
import type { HeaderPreset, PresetOutcome } from './header-presets.js';
import { readCsv } from './parse-csv.js';
import { readNdjson } from './parse-ndjson.js';
import { type FastCells, fastRowChange, type RowCells, type RowContext, rowToChange } from './rows.js';

export interface SnapshotDeclaration {
  partnerId: string;
  kind: SnapshotKind;
  observedAt: string;
}

export type ParseItem =
  /**
   * `preset`: set on the items of a file read through a header preset (after its last row). `bytes`:
   * set when the fast path made the change and its JSON is plain ASCII — then changeJson(change) is
   * JSON.stringify(change) and `bytes` its size (the importer's size check and, later, its id text).
   */
  | { line: number; change: ChangeEvent; bytes?: number; preset?: PresetOutcome }
  | { file: string; line: number; column?: string; error: string; preset?: PresetOutcome }
  /** Emitted once, after the last row, when the file declared a full snapshot and was read to its end. */
  | { line: number; snapshot: SnapshotDeclaration };

export interface ParseOptions {
  /** The blob name: gives the format, the default kind and the snapshot flag. */
  fileName: string;
  /** observedAt for rows without one: the blob's last-modified time. */
  defaultObservedAt?: string | Date;
  /** { theirColumn: ourColumn }, applied to the header (CSV) or keys (NDJSON) before validation. */
  columnMap?: Readonly<Record<string, string>>;
  /** Guard against a quote never closed / a line never ended (default 1,000,000 characters). */
  maxRecordChars?: number;
  /**
   * Tried on a CSV header when there is no column map (header-presets.ts); default none. The export pull
   * passes the Partner Center download presets (shared/ingestion/partner-center/download-presets.ts).
   */
  headerPresets?: readonly HeaderPreset[];
}

/** Tracks a snapshot file: its declaration and that every row belongs to it. */
export class SnapshotScope {
  partnerId: string | undefined;
  constructor(
    readonly kind: SnapshotKind,
    readonly observedAt: string,
    partnerId?: string,
  ) {
    this.partnerId = partnerId;
  }

  /** Null when the change belongs to this snapshot, else the reason it does not. */
  check(change: ChangeEvent): { column: Field; reason: string } | null {
    if (change.fact !== this.kind) {
      return { column: 'fact', reason: `a ${this.kind} snapshot file cannot hold a ${change.fact} row` };
    }
    this.partnerId ??= change.partnerId;
    if (change.partnerId !== this.partnerId) {
      return { column: 'partnerId', reason: `a snapshot file holds one partner's facts (${this.partnerId}), not ${change.partnerId}'s` };
    }
    return null;
  }
}

/** What a format reader needs from the file: errors, row contexts, accepting a row, the snapshot scope. */
export class FileScope {
  /** Set from the file name, or by an NDJSON declaration line. */
  scope: SnapshotScope | null = null;

  constructor(
    readonly file: string,
    readonly format: 'csv' | 'ndjson',
    readonly kind: FactKind | undefined,
    readonly defaultObservedAt: string | undefined,
  ) {}

  error(error: string, line = 0, column?: string): ParseItem {
    return column === undefined ? { file: this.file, line, error } : { file: this.file, line, column, error };
  }

  rowContext(present: RowContext['present'], columnName: (f: string) => string): RowContext {
    const ctx: RowContext = { present, columnName };
    if (this.kind) ctx.fileKind = this.kind;
    if (this.defaultObservedAt !== undefined) ctx.defaultObservedAt = this.defaultObservedAt;
    if (this.scope) ctx.forceObservedAt = this.scope.observedAt;
    return ctx;
  }

  /** One row's cells → its change, or the reason it is rejected. */
  accept(line: number, cells: RowCells, ctx: RowContext): ParseItem {
    const result = rowToChange(cells, ctx);
    if (!result.ok) return this.error(result.reason, line, result.column);
    const problem = this.scope?.check(result.change);
    return problem ? this.error(problem.reason, line, ctx.columnName(problem.column)) : { line, change: result.change };
  }

  /** accept's item for a row the fast path reads (fastRowChange), or undefined: then accept the row's cells. */
  acceptFast(line: number, cells: FastCells, ctx: RowContext): ParseItem | undefined {
    const fast = fastRowChange(cells, ctx);
    if (fast === undefined) return undefined;
    const problem = this.scope?.check(fast.change);
    if (problem) return this.error(problem.reason, line, ctx.columnName(problem.column));
    return fast.bytes === undefined ? { line, change: fast.change } : { line, change: fast.change, bytes: fast.bytes };
  }
}

export async function* parseExportStream(source: ExportSource, options: ParseOptions): AsyncGenerator<ParseItem> {
  for await (const items of parseExportBatches(source, options)) yield* items;
}

/** parseExportStream's items a chunk at a time (one await per chunk, not per row: what the importer reads). */
export async function* parseExportBatches(source: ExportSource, options: ParseOptions): AsyncGenerator<ParseItem[]> {
  const opened = openFile(options);
  if ('error' in opened) {
    yield [opened];
    return;
  }
  const { file, warning } = opened;
  if (warning) yield [warning];
  const text = decodeText(source);
  const stopped = file.format === 'csv' ? yield* readCsv(text, file, options) : yield* readNdjson(text, file, options);
  if (stopped) return;
  const finished = file.scope;
  if (finished) {
    if (finished.partnerId === undefined) {
      yield [
        file.error(
          'snapshot file without any valid row naming its partner: nothing ended (an empty snapshot needs the NDJSON declaration line)',
        ),
      ];
    } else {
      yield [{ line: 0, snapshot: { partnerId: finished.partnerId, kind: finished.kind, observedAt: finished.observedAt } }];
    }
  }
}

/** The file's name and default time checked; its snapshot scope when the name declares one (else a warning why not). */
function openFile(options: ParseOptions): { file: FileScope; warning?: ParseItem } | (ParseItem & { error: string }) {
  const name = options.fileName;
  const fail = (error: string) => ({ file: name, line: 0, error });
  const info = describeExportFile(name);
  if (!info.ok) return fail(info.reason);
  let defaultObservedAt: string | undefined;
  if (options.defaultObservedAt !== undefined) {
    const raw = options.defaultObservedAt;
    const normalized = raw instanceof Date ? raw.toISOString() : normalizeTimestamp(raw);
    if (normalized === null) return fail(`defaultObservedAt ${JSON.stringify(raw)} is not a timestamp`);
    defaultObservedAt = normalized;
  }
  const file = new FileScope(name, info.format, info.kind as FactKind | undefined, defaultObservedAt);
  // A snapshot declared by the file name (CSV or NDJSON); NDJSON may instead declare it on line 1.
  if (!info.snapshot) return { file };
  if (!info.kind || !(SNAPSHOT_KINDS as readonly string[]).includes(info.kind)) {
    if (info.format !== 'csv') return { file };
    return {
      file,
      warning: file.error(
        `a snapshot file must be of one of ${SNAPSHOT_KINDS.join(', ')} (name it e.g. associations-….snapshot.csv); read as ordinary rows`,
      ),
    };
  }
  if (defaultObservedAt === undefined) {
    return { file, warning: file.error('a snapshot file needs the file-level observedAt (the blob time); read as ordinary rows') };
  }
  file.scope = new SnapshotScope(info.kind as SnapshotKind, defaultObservedAt);
  return { file };
}
