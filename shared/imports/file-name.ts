// What a file name says: its format (.csv, or .ndjson/.jsonl), its fact kind (a name prefix such
// as `usage-…`, `associations_…`, or a folder `usage/…`), and whether it is a full snapshot
// (`….snapshot.csv`, `….snapshot.ndjson`).
import type { FactKind } from '../domain/changes/events.js';
import { factKindOf } from './rows.js';

export interface ExportFileInfo {
  format: 'csv' | 'ndjson';
  kind?: FactKind;
  snapshot: boolean;
}

export type ExportFileResult = ({ ok: true } & ExportFileInfo) | { ok: false; reason: string };

export function describeExportFile(fileName: string): ExportFileResult {
  const parts = fileName.split(/[\\/]/).filter((p) => p !== '');
  const base = (parts.pop() ?? '').toLowerCase();
  const ext = /\.(csv|ndjson|jsonl)$/.exec(base)?.[1];
  if (!ext) return { ok: false, reason: `unsupported file type ${JSON.stringify(fileName)}: expected .csv, .ndjson or .jsonl` };
  const stem = base.slice(0, -(ext.length + 1));
  const snapshot = /(^|[.\-_])snapshot$/.test(stem);
  const info: ExportFileInfo = { format: ext === 'csv' ? 'csv' : 'ndjson', snapshot };
  // Kind from the name's first word (up to - _ . or the end), else from the nearest folder.
  const prefix = /^[a-z]+/.exec(stem)?.[0];
  const kind =
    (prefix && factKindOf(prefix)) ||
    [...parts]
      .reverse()
      .map(factKindOf)
      .find((k) => k !== null);
  if (kind) info.kind = kind;
  return { ok: true, ...info };
}
