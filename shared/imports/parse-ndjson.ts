// The NDJSON half of parseExportStream: one JSON object per line, keys matched to our fields (after
// the column map); line 1 may instead declare a full snapshot of one partner's facts of one kind.
import { z } from 'zod';

import { observedAt as observedAtSchema, SNAPSHOT_KINDS } from '../domain/changes/events.js';
import { type Field, fieldFor, FIELDS, normalizeHeader } from './columns.js';
import { LineSplitter, type TextLine } from './ndjson.js';
import { type FileScope, type ParseItem, type ParseOptions, SnapshotScope } from './parse.js';
import { emptyFastCells, type FastCells, type RowCells, type RowContext } from './rows.js';

const snapshotLineSchema = z.object({
  snapshot: z.object({
    partnerId: z.string().trim().min(1),
    kind: z.enum(SNAPSHOT_KINDS),
    observedAt: observedAtSchema.optional(),
  }),
});

/** Keys → our fields, remembered (keys repeat on every line); bounded, so a file of random keys cannot grow it. */
const MAX_REMEMBERED_KEYS = 1000;
const FIELD_NAMES: ReadonlySet<string> = new Set(FIELDS);

export async function* readNdjson(
  text: AsyncIterable<string>,
  file: FileScope,
  options: ParseOptions,
): AsyncGenerator<ParseItem[], boolean> {
  const splitter = new LineSplitter(options.maxRecordChars);
  const theirs = new Map(Object.entries(options.columnMap ?? {}).map(([k, v]) => [normalizeHeader(k), v]));
  const known = new Map<string, Field | null>();
  const mapKey = (key: string): Field | null => {
    let field = known.get(key);
    if (field === undefined) {
      field = fieldFor(theirs.get(normalizeHeader(key)) ?? key);
      if (known.size < MAX_REMEMBERED_KEYS) known.set(key, field);
    }
    return field;
  };
  const state = { firstLine: true, rows: new NdjsonRow(file, mapKey) };
  for await (const chunk of text) yield lines(splitter.push(chunk), state, file);
  yield lines(splitter.end(), state, file);
  return false;
}

/** A batch of lines → their items (an array, not a generator: no iterator step per row). */
function lines(batch: TextLine[], state: { firstLine: boolean; rows: NdjsonRow }, file: FileScope): ParseItem[] {
  const out: ParseItem[] = [];
  for (const { line, text, error } of batch) {
    if (error) {
      out.push(file.error(error, line));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      out.push(file.error(`not JSON: ${(e as Error).message}`, line));
      state.firstLine = false;
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.push(file.error('expected a JSON object on each line', line));
      state.firstLine = false;
      continue;
    }
    if ('snapshot' in value) {
      const first = state.firstLine;
      state.firstLine = false;
      const problem = declaration(value, line, first, file);
      if (problem) out.push(problem);
      continue;
    }
    state.firstLine = false;
    out.push(state.rows.read(value as Record<string, unknown>, line));
  }
  return out;
}

/**
 * One object's keys → our fields (the first key naming a field wins); error messages name the key as
 * written. One per file, reused for every row (rowToChange keeps nothing of it).
 */
class NdjsonRow {
  private value: Record<string, unknown> = {};
  private cells: RowCells = {};
  /** Filled for each row whose keys are our fields (no object per row). */
  private readonly fast = emptyFastCells();
  private readonly ctx: RowContext;

  constructor(
    private readonly file: FileScope,
    private readonly mapKey: (key: string) => Field | null,
  ) {
    this.ctx = file.rowContext({ has: (f) => f in this.cells }, (f) => this.columnName(f));
  }

  read(value: Record<string, unknown>, line: number): ParseItem {
    if (this.file.scope) this.ctx.forceObservedAt = this.file.scope.observedAt;
    if (this.keysAreFields(value)) {
      this.value = value;
      this.cells = value as RowCells;
      const fast = this.file.acceptFast(line, fastCells(this.fast, value), this.ctx);
      if (fast !== undefined) return fast;
    }
    const cells: RowCells = {};
    for (const key in value) {
      const field = this.mapKey(key);
      if (field !== null && !(field in cells)) cells[field] = value[key];
    }
    this.value = value;
    this.cells = cells;
    return this.file.accept(line, cells, this.ctx);
  }

  /** The keys of the last object whose every key is our field of that name or none of ours (lines mostly share their keys). */
  private fieldKeys: string[] = [];

  /**
   * True when every key of the object is our field of that very name, or no field of ours: then the
   * object's values are its cells as read() makes them (no key is renamed, none repeats a field), and
   * its FastCells can be read off it by name.
   */
  private keysAreFields(value: Record<string, unknown>): boolean {
    const last = this.fieldKeys;
    let i = 0;
    let same = true;
    for (const key in value) {
      if (same && last[i] !== key) same = false;
      i++;
    }
    if (same && i === last.length) return true;
    const keys = Object.keys(value);
    for (const key of keys) {
      const field = this.mapKey(key);
      // A key that names another field, or a field's name that a column map sends elsewhere.
      if (field === null ? FIELD_NAMES.has(key) : field !== key) return false;
    }
    this.fieldKeys = keys;
    return true;
  }

  private columnName(f: string): string {
    for (const key in this.value) if (this.mapKey(key) === f) return key;
    return f;
  }
}

/** A snapshot declaration: only as the first line; sets the file's snapshot scope, or gives the error item. */
function declaration(value: object, line: number, first: boolean, file: FileScope): ParseItem | undefined {
  if (!first) {
    return file.error('a snapshot declaration must be the first line of the file', line, 'snapshot');
  }
  const decl = snapshotLineSchema.safeParse(value);
  if (!decl.success) {
    const issue = decl.error.issues[0];
    return file.error(`bad snapshot declaration: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), line, 'snapshot');
  }
  const at = decl.data.snapshot.observedAt ?? file.defaultObservedAt;
  if (at === undefined) {
    return file.error('the snapshot declaration needs observedAt (or the file-level default)', line, 'snapshot');
  }
  file.scope = new SnapshotScope(decl.data.snapshot.kind, at, decl.data.snapshot.partnerId);
  return undefined;
}

/** An object's FastCells, for an object whose keys are our fields (keysAreFields), written into `c`. */
function fastCells(c: FastCells, value: Record<string, unknown>): FastCells {
  c.fact = value.fact;
  c.kind = value.kind;
  c.partnerId = value.partnerId;
  c.tenantId = value.tenantId;
  c.month = value.month;
  c.service = value.service;
  c.workload = value.workload;
  c.offer = value.offer;
  c.association = value.association;
  c.cporActivity = value.cporActivity;
  c.acrUsd = value.acrUsd;
  c.paidSeats = value.paidSeats;
  c.activeUsers = value.activeUsers;
  c.revenueUsd = value.revenueUsd;
  c.observedAt = value.observedAt;
  c.deleted = value.deleted;
  c.type = value.type;
  c.from = value.from;
  c.to = value.to;
  c.segment = value.segment;
  c.cloud = value.cloud;
  return c;
}
