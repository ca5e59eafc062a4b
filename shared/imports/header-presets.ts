// Header presets: a foreign export whose header is recognized (e.g. a Partner Center download) is
// read by its preset instead of our column names, with no column map. parseExportStream tries the
// presets on a CSV header when no column map is given; a header matches a preset when all of the
// preset's required columns are present, the best match (highest score) wins, and no match leaves
// the file to the ordinary formats. A preset reader sees every data row (it may reject a row) and,
// after the last one, gives the file's change events (our field names, NDJSON-like objects), which
// are then validated like any row. The presets themselves live with their source
// (shared/ingestion/partner-center/download-presets.ts).

/** A value the preset does not know, counted (the connector's `partnerCenter.unknown` shape). */
export interface PresetUnknownValue {
  column: string;
  value: string;
  count: number;
  action: 'not scored' | 'imported as written' | 'skipped';
  firstLine: number;
}

/** What the import report says about a file read through a preset. */
export interface PresetOutcome {
  /** The preset's id, e.g. `partner-center/bizapps-revenue`. */
  id: string;
  title: string;
  /** Data rows of the file (the change events can be fewer: rows of one key in a month add up). */
  sourceRows: number;
  /** Rows that went into a change event. */
  usedRows: number;
  /** Our field → the file's column. */
  columns: Record<string, string>;
  /** Columns of the file the preset does not read. */
  ignoredColumns: string[];
  unknown: PresetUnknownValue[];
}

export interface PresetRowProblem {
  column: string | null;
  reason: string;
}

export interface HeaderPresetReader {
  /** One data row; returns the problem when the row is rejected. */
  row(line: number, fields: readonly string[]): PresetRowProblem | undefined;
  /** After the last row: the change events, each with the (first) line it came from. */
  finish(observedAt: string | undefined): { events: Array<{ line: number; event: Record<string, unknown> }>; outcome: PresetOutcome };
}

export interface HeaderPreset {
  id: string;
  title: string;
  /** Null when the header does not match (a required column is missing); else a score, higher wins. */
  match(header: readonly string[]): number | null;
  open(header: readonly string[]): HeaderPresetReader;
}

/** The best-matching preset for a header, or null. Ties go to the preset listed first. */
export function detectHeaderPreset(header: readonly string[], presets: readonly HeaderPreset[]): HeaderPreset | null {
  let best: HeaderPreset | null = null;
  let bestScore = -1;
  for (const preset of presets) {
    const score = preset.match(header);
    if (score !== null && score > bestScore) {
      best = preset;
      bestScore = score;
    }
  }
  return best;
}
