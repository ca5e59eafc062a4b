// The CSV half of parseExportStream: the header record resolves our columns (or matches a header
// preset, which then reads the rows), every later record becomes one row's cells.
import { type Field, fieldFor, type ResolvedHeader, resolveHeader } from './columns.js';
import { type CsvRecord, CsvTokenizer } from './csv.js';
import { detectHeaderPreset, type HeaderPresetReader } from './header-presets.js';
import type { FileScope, ParseItem, ParseOptions } from './parse.js';
import { emptyFastCells, FAST_FIELDS, type FastCells, type RowCells, type RowContext } from './rows.js';

/** Where the rows of a CSV file go: our columns, or a preset's reader. */
type CsvState =
  | { mode: 'header' }
  | { mode: 'columns'; header: ResolvedHeader; ctx: RowContext; fast: FastPositions; cells: FastCells }
  | { mode: 'preset'; reader: HeaderPresetReader }
  | { mode: 'stopped' };

/** Returns true when the file was given up (a header with no known column): nothing after it counts. */
export async function* readCsv(text: AsyncIterable<string>, file: FileScope, options: ParseOptions): AsyncGenerator<ParseItem[], boolean> {
  const tokenizer = new CsvTokenizer(options.maxRecordChars ? { maxRecordChars: options.maxRecordChars } : {});
  const state: { current: CsvState } = { current: { mode: 'header' } };
  for await (const chunk of text) {
    yield records(tokenizer.push(chunk), state, file, options);
    if (state.current.mode === 'stopped') return true;
  }
  yield records(tokenizer.end(), state, file, options);
  const last = state.current as CsvState;
  if (last.mode === 'stopped') return true;
  if (last.mode === 'preset') yield [...finishPreset(last.reader, file)];
  return false;
}

/** A batch of records → their items (an array, not a generator: no iterator step per row). */
function records(batch: CsvRecord[], state: { current: CsvState }, file: FileScope, options: ParseOptions): ParseItem[] {
  const out: ParseItem[] = [];
  for (const record of batch) {
    const s = state.current;
    if (s.mode === 'stopped') break;
    if (record.error) {
      out.push(file.error(record.error, record.line));
      continue;
    }
    switch (s.mode) {
      case 'header': {
        const next = readHeader(record, file, options);
        state.current = next.state;
        if (next.item) out.push(next.item);
        break;
      }
      case 'preset': {
        const problem = s.reader.row(record.line, record.fields);
        if (problem)
          out.push(
            problem.column === null ? file.error(problem.reason, record.line) : file.error(problem.reason, record.line, problem.column),
          );
        break;
      }
      case 'columns': {
        const fast = file.acceptFast(record.line, fastCells(s.cells, record.fields, s.fast), s.ctx);
        if (fast !== undefined) {
          out.push(fast);
          break;
        }
        const cells: RowCells = {};
        const fields = s.header.fields;
        for (let i = 0; i < fields.length; i++) {
          const field = fields[i];
          if (field !== null && field !== undefined) cells[field] = record.fields[i] ?? '';
        }
        out.push(file.accept(record.line, cells, s.ctx));
        break;
      }
    }
  }
  return out;
}

/** The header record: a preset's (when one matches and there is no column map), else our columns. */
function readHeader(record: CsvRecord, file: FileScope, options: ParseOptions): { state: CsvState; item?: ParseItem } {
  const match = options.columnMap ? null : detectHeaderPreset(record.fields, options.headerPresets ?? []);
  if (match) return { state: { mode: 'preset', reader: match.open(record.fields) } };
  const header = resolveHeader(record.fields, options.columnMap);
  if (header.present.size === 0) {
    return {
      state: { mode: 'stopped' },
      item: file.error(`no known columns in the header (${record.fields.join(', ')}); see docs/export-formats.md`, record.line),
    };
  }
  const names = header.columnName;
  return {
    state: {
      mode: 'columns',
      header,
      ctx: file.rowContext(header.present, (f) => names.get(f as Field) ?? f),
      fast: fastPositions(header),
      cells: emptyFastCells(),
    },
  };
}

/** Per FAST_FIELDS entry, the position of its column in the header, or -1. */
type FastPositions = readonly number[];

function fastPositions(header: ResolvedHeader): FastPositions {
  return FAST_FIELDS.map((f) => header.fields.indexOf(f));
}

function at(fields: readonly string[], i: number | undefined): string | undefined {
  return i === undefined || i < 0 ? undefined : (fields[i] ?? '');
}

/**
 * A record's FastCells, written into `c` (one object per file, so no object per row: fastRowChange
 * uses the cells up and keeps nothing of them): a cell is the record's text at the field's column
 * ('' past the record's end, as for the cells).
 */
function fastCells(c: FastCells, fields: readonly string[], p: FastPositions): FastCells {
  c.fact = at(fields, p[0]);
  c.kind = at(fields, p[1]);
  c.partnerId = at(fields, p[2]);
  c.tenantId = at(fields, p[3]);
  c.month = at(fields, p[4]);
  c.service = at(fields, p[5]);
  c.workload = at(fields, p[6]);
  c.offer = at(fields, p[7]);
  c.association = at(fields, p[8]);
  c.cporActivity = at(fields, p[9]);
  c.acrUsd = at(fields, p[10]);
  c.paidSeats = at(fields, p[11]);
  c.activeUsers = at(fields, p[12]);
  c.revenueUsd = at(fields, p[13]);
  c.observedAt = at(fields, p[14]);
  c.deleted = at(fields, p[15]);
  c.type = at(fields, p[16]);
  c.from = at(fields, p[17]);
  c.to = at(fields, p[18]);
  c.segment = at(fields, p[19]);
  c.cloud = at(fields, p[20]);
  return c;
}

/** A preset file's change events (rows of one key added up), validated like rows; each item names the preset. */
function* finishPreset(reader: HeaderPresetReader, file: FileScope): Generator<ParseItem> {
  const { events, outcome } = reader.finish(file.defaultObservedAt);
  if (events.length === 0) {
    yield {
      ...file.error(`no usage record in this ${outcome.title} download (${outcome.sourceRows} data row(s))`),
      preset: outcome,
    } as ParseItem;
    return;
  }
  for (const { line, event } of events) {
    const cells: RowCells = {};
    const names = new Map<string, string>();
    for (const [key, v] of Object.entries(event)) {
      const field = fieldFor(key);
      if (field !== null && !(field in cells)) {
        cells[field] = v;
        names.set(field, outcome.columns[field] ?? key);
      }
    }
    const ctx = file.rowContext(new Set(Object.keys(cells) as Field[]), (f) => names.get(f) ?? f);
    yield { ...file.accept(line, cells, ctx), preset: outcome } as ParseItem;
  }
}
