// parseExportStream: an export file (CSV with a header, or NDJSON) → validated change events, one
// at a time, never holding more than a chunk and the current record in memory. A bad row yields an
// error item (file, line, column, reason) and parsing goes on. Line numbers are physical lines of
// the file (the CSV header is line 1); line 0 is about the file as a whole.
import { z } from 'zod';

import {
  type ChangeEvent,
  type FactKind,
  normalizeTimestamp,
  observedAt as observedAtSchema,
  SNAPSHOT_KINDS,
  type SnapshotKind,
} from '../domain/changes/index.js';
import { DOWNLOAD_HEADER_PRESETS } from '../ingestion/partner-center/download-presets.js';
import { type Field, fieldFor, normalizeHeader, type ResolvedHeader, resolveHeader } from './columns.js';
import { CsvTokenizer } from './csv.js';
import { decodeText, type ExportSource } from './decode.js';
import { describeExportFile } from './file-name.js';
import { detectHeaderPreset, type HeaderPreset, type HeaderPresetReader, type PresetOutcome } from './header-presets.js';
import { LineSplitter } from './ndjson.js';
import { type RowContext, rowToChange } from './rows.js';

export interface SnapshotDeclaration {
  partnerId: string;
  kind: SnapshotKind;
  observedAt: string;
}

export type ParseItem =
  /** `preset`: set on the items of a file read through a header preset (after its last row). */
  | { line: number; change: ChangeEvent; preset?: PresetOutcome }
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
   * Tried on a CSV header when there is no column map (header-presets.ts); default the Partner Center
   * download presets (shared/ingestion/partner-center/download-presets.ts); [] turns them off.
   */
  headerPresets?: readonly HeaderPreset[];
}

const snapshotLineSchema = z.object({
  snapshot: z.object({
    partnerId: z.string().trim().min(1),
    kind: z.enum(SNAPSHOT_KINDS),
    observedAt: observedAtSchema.optional(),
  }),
});

/** Tracks a snapshot file: its declaration and that every row belongs to it. */
class SnapshotScope {
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

export async function* parseExportStream(source: ExportSource, options: ParseOptions): AsyncGenerator<ParseItem> {
  const file = options.fileName;
  const fileError = (error: string, line = 0, column?: string): ParseItem =>
    column === undefined ? { file, line, error } : { file, line, column, error };

  const info = describeExportFile(file);
  if (!info.ok) {
    yield fileError(info.reason);
    return;
  }
  let defaultObservedAt: string | undefined;
  if (options.defaultObservedAt !== undefined) {
    const raw = options.defaultObservedAt;
    const normalized = raw instanceof Date ? raw.toISOString() : normalizeTimestamp(raw);
    if (normalized === null) {
      yield fileError(`defaultObservedAt ${JSON.stringify(raw)} is not a timestamp`);
      return;
    }
    defaultObservedAt = normalized;
  }

  // A snapshot declared by the file name (CSV or NDJSON); NDJSON may instead declare it on line 1.
  let scope: SnapshotScope | null = null;
  if (info.snapshot) {
    if (!info.kind || !(SNAPSHOT_KINDS as readonly string[]).includes(info.kind)) {
      if (info.format === 'csv') {
        yield fileError(
          `a snapshot file must be of one of ${SNAPSHOT_KINDS.join(', ')} (name it e.g. associations-….snapshot.csv); read as ordinary rows`,
        );
      }
    } else if (defaultObservedAt === undefined) {
      yield fileError('a snapshot file needs the file-level observedAt (the blob time); read as ordinary rows');
    } else {
      scope = new SnapshotScope(info.kind as SnapshotKind, defaultObservedAt);
    }
  }

  const rowContext = (present: ReadonlySet<Field>, columnName: (f: string) => string): RowContext => {
    const ctx: RowContext = { present, columnName };
    if (info.kind) ctx.fileKind = info.kind as FactKind;
    if (defaultObservedAt !== undefined) ctx.defaultObservedAt = defaultObservedAt;
    if (scope) ctx.forceObservedAt = scope.observedAt;
    return ctx;
  };

  function* accept(line: number, cells: Map<Field, unknown>, ctx: RowContext): Generator<ParseItem> {
    const result = rowToChange(cells, ctx);
    if (!result.ok) {
      yield fileError(result.reason, line, result.column);
      return;
    }
    const problem = scope?.check(result.change);
    if (problem) yield fileError(problem.reason, line, ctx.columnName(problem.column));
    else yield { line, change: result.change };
  }

  // A preset file's change events (rows of one key added up), validated like rows; each item names the preset.
  function* finishPreset(reader: HeaderPresetReader): Generator<ParseItem> {
    const { events, outcome } = reader.finish(defaultObservedAt);
    if (events.length === 0) {
      yield {
        ...fileError(`no usage record in this ${outcome.title} download (${outcome.sourceRows} data row(s))`),
        preset: outcome,
      } as ParseItem;
      return;
    }
    for (const { line, event } of events) {
      const cells = new Map<Field, unknown>();
      const names = new Map<string, string>();
      for (const [key, v] of Object.entries(event)) {
        const field = fieldFor(key);
        if (field !== null && !cells.has(field)) {
          cells.set(field, v);
          names.set(field, outcome.columns[field] ?? key);
        }
      }
      for (const item of accept(
        line,
        cells,
        rowContext(new Set(cells.keys()), (f) => names.get(f) ?? f),
      ))
        yield { ...item, preset: outcome } as ParseItem;
    }
  }

  const text = decodeText(source);
  if (info.format === 'csv') {
    const tokenizer = new CsvTokenizer(options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {});
    // Set by the header record: where each field's cells are, and the context rows are read in.
    let columns: { header: ResolvedHeader; ctx: RowContext } | null = null;
    // Set instead when the header matched a preset: it reads the rows.
    let preset: { id: string; reader: HeaderPresetReader } | null = null;
    let stop = false;
    const handle = function* (records: ReturnType<CsvTokenizer['push']>): Generator<ParseItem> {
      for (const record of records) {
        if (stop) return;
        if (record.error) {
          yield fileError(record.error, record.line);
          continue;
        }
        if (preset) {
          const problem = preset.reader.row(record.line, record.fields);
          if (problem)
            yield problem.column === null ? fileError(problem.reason, record.line) : fileError(problem.reason, record.line, problem.column);
          continue;
        }
        if (!columns) {
          const match = options.columnMap ? null : detectHeaderPreset(record.fields, options.headerPresets ?? DOWNLOAD_HEADER_PRESETS);
          if (match) {
            preset = { id: match.id, reader: match.open(record.fields) };
            continue;
          }
          const header = resolveHeader(record.fields, options.columnMap);
          if (header.present.size === 0) {
            yield fileError(`no known columns in the header (${record.fields.join(', ')}); see docs/export-formats.md`, record.line);
            stop = true;
            return;
          }
          const names = header.columnName;
          columns = { header, ctx: rowContext(header.present, (f) => names.get(f as Field) ?? f) };
          continue;
        }
        const cells = new Map<Field, unknown>();
        columns.header.fields.forEach((field, i) => {
          if (field !== null) cells.set(field, record.fields[i] ?? '');
        });
        yield* accept(record.line, cells, columns.ctx);
      }
    };
    for await (const chunk of text) {
      yield* handle(tokenizer.push(chunk));
      if (stop) return;
    }
    yield* handle(tokenizer.end());
    if (stop) return;
    const matched = preset as { id: string; reader: HeaderPresetReader } | null;
    if (matched) yield* finishPreset(matched.reader);
  } else {
    const splitter = new LineSplitter(options.maxRecordChars);
    let firstLine = true;
    const theirs = new Map(Object.entries(options.columnMap ?? {}).map(([k, v]) => [normalizeHeader(k), v]));
    const mapKey = (key: string): Field | null => fieldFor(theirs.get(normalizeHeader(key)) ?? key);
    const handle = function* (lines: ReturnType<LineSplitter['push']>): Generator<ParseItem> {
      for (const { line, text: lineText, error } of lines) {
        if (error) {
          yield fileError(error, line);
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(lineText);
        } catch (e) {
          yield fileError(`not JSON: ${(e as Error).message}`, line);
          firstLine = false;
          continue;
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          yield fileError('expected a JSON object on each line', line);
          firstLine = false;
          continue;
        }
        if ('snapshot' in value) {
          if (!firstLine) {
            yield fileError('a snapshot declaration must be the first line of the file', line, 'snapshot');
            continue;
          }
          firstLine = false;
          const decl = snapshotLineSchema.safeParse(value);
          if (!decl.success) {
            const issue = decl.error.issues[0];
            yield fileError(`bad snapshot declaration: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), line, 'snapshot');
            continue;
          }
          const at = decl.data.snapshot.observedAt ?? defaultObservedAt;
          if (at === undefined) {
            yield fileError('the snapshot declaration needs observedAt (or the file-level default)', line, 'snapshot');
            continue;
          }
          scope = new SnapshotScope(decl.data.snapshot.kind, at, decl.data.snapshot.partnerId);
          continue;
        }
        firstLine = false;
        const cells = new Map<Field, unknown>();
        const names = new Map<string, string>();
        for (const [key, v] of Object.entries(value)) {
          const field = mapKey(key);
          if (field !== null && !cells.has(field)) {
            cells.set(field, v);
            names.set(field, key);
          }
        }
        yield* accept(
          line,
          cells,
          rowContext(new Set(cells.keys()), (f) => names.get(f) ?? f),
        );
      }
    };
    for await (const chunk of text) yield* handle(splitter.push(chunk));
    yield* handle(splitter.end());
  }

  const finished = scope as SnapshotScope | null;
  if (finished) {
    if (finished.partnerId === undefined) {
      yield fileError(
        'snapshot file without any valid row naming its partner: nothing ended (an empty snapshot needs the NDJSON declaration line)',
      );
    } else {
      yield { line: 0, snapshot: { partnerId: finished.partnerId, kind: finished.kind, observedAt: finished.observedAt } };
    }
  }
}
