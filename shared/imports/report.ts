// The import report: what one file gave, what was rejected and why. Shown by GET /api/imports and
// logged. Rejected rows are kept up to a bound (first 1,000 by default) plus the total count, so a
// file of garbage cannot make the report itself too large to store.
import type { SnapshotKind } from '../domain/changes/events.js';
import type { PresetOutcome } from './header-presets.js';
import type { ParseItem } from './parse.js';

export interface RejectedRow {
  line: number;
  /** The column as named in the file (or our field name when it is missing); null for the whole row. */
  column: string | null;
  reason: string;
}

export interface SnapshotOutcome {
  partnerId: string;
  kind: SnapshotKind;
  observedAt: string;
  /** False when the file had rejected rows: a snapshot with a hole would end facts wrongly. */
  applied: boolean;
  reason?: string;
}

export interface ImportReport {
  file: string;
  etag: string | null;
  startedAt: string;
  finishedAt: string;
  /** Data rows read (accepted + rejected; file-level problems count as one rejected row, line 0). */
  rows: number;
  accepted: number;
  rejected: RejectedRow[];
  /** All rejected rows, including those beyond the kept `rejected` list. */
  rejectedCount: number;
  partners: string[];
  /** Messages sent for this file. */
  messages: number;
  snapshots: SnapshotOutcome[];
  /** Set when the file's header matched a preset (e.g. a Partner Center download): which, and what it did not know. */
  preset?: PresetOutcome;
}

export interface ImportProgress {
  file: string;
  rows: number;
  accepted: number;
  rejected: number;
  messages: number;
}

export class ImportReportBuilder {
  private rows = 0;
  private accepted = 0;
  private rejectedCount = 0;
  private messages = 0;
  private readonly rejected: RejectedRow[] = [];
  private readonly partners = new Set<string>();
  private readonly snapshots: SnapshotOutcome[] = [];
  private presetOutcome: PresetOutcome | undefined;

  constructor(
    readonly file: string,
    readonly etag: string | null,
    readonly startedAt: string,
    private readonly maxRejected = 1000,
  ) {}

  record(item: ParseItem): void {
    if ('preset' in item && item.preset !== undefined) this.presetOutcome = item.preset;
    if ('change' in item) {
      this.rows++;
      this.accepted++;
      this.partners.add(item.change.partnerId);
    } else if ('error' in item) {
      this.rows++;
      this.rejectedCount++;
      if (this.rejected.length < this.maxRejected) {
        this.rejected.push({ line: item.line, column: item.column ?? null, reason: item.error });
      }
    }
  }

  message(): void {
    this.messages++;
  }

  snapshot(outcome: SnapshotOutcome): void {
    this.snapshots.push(outcome);
  }

  finish(finishedAt: string): ImportReport {
    return {
      file: this.file,
      etag: this.etag,
      startedAt: this.startedAt,
      finishedAt,
      rows: this.rows,
      accepted: this.accepted,
      rejected: [...this.rejected],
      rejectedCount: this.rejectedCount,
      partners: [...this.partners].sort(),
      messages: this.messages,
      snapshots: [...this.snapshots],
      ...(this.presetOutcome ? { preset: this.presetOutcome } : {}),
    };
  }
}
