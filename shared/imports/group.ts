// groupByPartner: parsed items → PartnerChangeMessages, as the stream goes. Changes are buffered per
// partner and a partner's batch is sent when it reaches batchSize; when all buffers together exceed
// maxBufferedChanges (a file interleaving many partners), the fullest buffer is sent early. Batches
// depend only on the file's content and order, so re-dropping the same file gives the same messages
// and the same ids.
//
// Batches are also cut by size: a message's JSON body stays under maxMessageBytes less a margin
// (message-size.ts), so no send is refused by the broker (which would keep the cursor on the file
// for good). A single change too large for any message is a rejected row, with the reason.
//
// A snapshot marker is sent after the partner's last batch, and only when the file had no rejected
// row: a rejected row may be a fact that still exists, and the snapshot would end it.
//
// A change's size is counted as it comes (changeJsonLength for the fast path's changes, else its
// JSON.stringify); its JSON text, which the batch id is hashed from, is made when its batch is sent,
// so a buffered change holds no text. The id is a hash per batch (bulk-id.ts), not per row.
//
// Bulk files (a file with an ETag: one version of one file): every message carries `bulk.file` (the
// file's name and ETag) and, after the last row, each partner's last message lists in `bulk.ids` the
// ids of all the messages the file gave that partner (an empty last message when its last batch had
// already gone, or the list would not fit it). The processor applies bulk messages without
// recomputing and recomputes the partner once, when every listed message is applied
// (shared/pipeline/bulk-file.ts) — whatever order they come in, twice or late.
import type { ChangeEvent } from '../domain/changes/events.js';
import type { BulkMark, PartnerChangeMessage } from '../domain/changes/message.js';
import { batchId, bulkFileKey, lastMessageId } from './bulk-id.js';
import { plainChangeJson } from './fast-change.js';
import { bodyBudget, jsonBytes, MESSAGE_SIZE } from './message-size.js';
import type { ParseItem } from './parse.js';
import type { ImportProgress, ImportReportBuilder } from './report.js';

export interface GroupOptions {
  file?: string;
  etag?: string;
  /** Changes per message (default 500). */
  batchSize?: number;
  /** Largest message the bus takes, in bytes (default MESSAGE_SIZE.maxBytes, Service Bus Standard's 256 KB). */
  maxMessageBytes?: number;
  /** Bytes kept free under maxMessageBytes for headers and properties (default MESSAGE_SIZE.marginBytes). */
  messageMarginBytes?: number;
  /** Changes held across all partners before the fullest buffer is sent early (default 5,000). */
  maxBufferedChanges?: number;
  /** Receives every item (rows, errors) and every message. */
  report?: ImportReportBuilder;
  /** Called every progressEvery rows (default 10,000) — for logging long imports. */
  progressEvery?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Mark the messages as one bulk file (one recompute per partner; default: when file and etag are given). */
  bulk?: boolean;
}

interface Batch {
  changes: ChangeEvent[];
  /** Per change, its JSON text when it was made on the way in (JSON.stringify); null: changeJson(change), made at flush. */
  texts: (string | null)[];
  /** Every text is ASCII (changeJson's always are). */
  ascii: boolean;
  firstLine: number;
  /** Upper bound of the message's JSON body: the envelope with no changes + each change + a comma. */
  bytes: number;
}

interface PartnerState {
  /** Changes accepted so far. */
  rows: number;
  /** Bytes of the partner's message envelope with no changes and source line 0. */
  envelope: number;
  /** Its open batch (the one in `buffers`), if any. */
  batch: Batch | undefined;
}

/** Bulk marking for files with an ETag. */
const BULK_BY_DEFAULT = true;

/** An id's length in the body (all ids are `chg-` + 64 hex digits). */
const ID_PLACEHOLDER = `chg-${'0'.repeat(64)}`;

export async function* groupByPartner(items: AsyncIterable<ParseItem>, options: GroupOptions = {}): AsyncGenerator<PartnerChangeMessage> {
  const g = new Grouper(options);
  for await (const raw of items) {
    const out: PartnerChangeMessage[] = [];
    g.item(raw, out);
    yield* out;
  }
  const last: PartnerChangeMessage[] = [];
  g.end(last);
  yield* last;
}

/** groupByPartner over parseExportBatches: the messages completed by each batch of items, as one array. */
export async function* groupBatches(
  batches: AsyncIterable<ParseItem[]>,
  options: GroupOptions = {},
): AsyncGenerator<PartnerChangeMessage[]> {
  const g = new Grouper(options);
  for await (const items of batches) {
    const out: PartnerChangeMessage[] = [];
    for (const raw of items) g.item(raw, out);
    if (out.length > 0) yield out;
  }
  const last: PartnerChangeMessage[] = [];
  g.end(last);
  if (last.length > 0) yield last;
}

class Grouper {
  private readonly batchSize: number;
  private readonly maxBuffered: number;
  private readonly progressEvery: number;
  private readonly budget: number;
  private readonly bulk: BulkMark | undefined;
  private readonly buffers = new Map<string, Batch>();
  /** Per partner seen: its rows, its envelope and its open batch (one lookup per row). */
  private readonly partners = new Map<string, PartnerState>();
  /** The partners that gave a row, in the order of their first. */
  private readonly withRows = new Set<string>();
  /** Bulk files: the ids sent to each partner so far (a few per partner: one per batch). */
  private readonly sentPerPartner = new Map<string, string[]>();
  private readonly counts: ImportProgress;
  private buffered = 0;

  constructor(private readonly options: GroupOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxBuffered = options.maxBufferedChanges ?? 5000;
    this.progressEvery = options.progressEvery ?? 10_000;
    this.budget = bodyBudget(options.maxMessageBytes ?? MESSAGE_SIZE.maxBytes, options.messageMarginBytes ?? MESSAGE_SIZE.marginBytes);
    const bulk = options.bulk ?? (BULK_BY_DEFAULT && options.file !== undefined && options.etag !== undefined);
    if (bulk && options.file !== undefined) this.bulk = { file: bulkFileKey(options.file, options.etag) };
    this.counts = { file: options.file ?? '', rows: 0, accepted: 0, rejected: 0, messages: 0 };
  }

  /** One parsed item; the messages it completes are pushed to `out`. */
  item(raw: ParseItem, out: PartnerChangeMessage[]): void {
    if ('snapshot' in raw) {
      this.snapshot(raw, out);
      return;
    }
    let item: ParseItem = raw;
    let text: string | null = null;
    let bytes = 0;
    let partner: PartnerState | undefined;
    if ('change' in item) {
      // The fast path's size is its text's (changeJson, plain ASCII: a character a byte), made at flush.
      if (item.bytes !== undefined) bytes = item.bytes + 1;
      else {
        text = JSON.stringify(item.change);
        bytes = Buffer.byteLength(text, 'utf8') + 1;
      }
      partner = this.partner(item.change.partnerId);
      const alone = this.envelopeOf(partner, item.line) + bytes;
      if (alone > this.budget) item = this.tooLarge(item.line, alone);
    }
    this.options.report?.record(item);
    this.counts.rows++;
    if ('error' in item) this.counts.rejected++;
    else if ('change' in item && partner !== undefined) {
      this.counts.accepted++;
      this.add(partner, item.change, item.line, text, bytes, out);
    }
    if (this.options.onProgress && this.counts.rows % this.progressEvery === 0) this.options.onProgress({ ...this.counts });
  }

  /** After the last item: every buffer sent; for a bulk file, each partner's last message lists its messages. */
  end(out: PartnerChangeMessage[]): void {
    const bulk = this.bulk;
    if (!bulk) {
      for (const partnerId of [...this.buffers.keys()]) {
        const m = this.flush(partnerId);
        if (m) out.push(m);
      }
      return;
    }
    // Every partner the file gave a change or a marker, in first-seen order.
    for (const partnerId of new Set([...this.withRows, ...this.sentPerPartner.keys()])) {
      const before = this.sentPerPartner.get(partnerId) ?? [];
      const b = this.buffers.get(partnerId);
      const listBytes = jsonBytes(before) + 72; // the list and this message's own id
      if (b && b.changes.length > 0 && b.bytes + listBytes <= this.budget) {
        // The last batch carries the list; its id covers the list, so a file that differs only earlier differs here too.
        const m = this.flush(partnerId, before);
        if (m) out.push(m);
        continue;
      }
      if (b) {
        const m = this.flush(partnerId);
        if (m) out.push(m);
      }
      const ids = this.sentPerPartner.get(partnerId) ?? [];
      const message = this.message(partnerId, lastMessageId(partnerId, ids), [], 0);
      message.bulk = jsonBytes(ids) + 200 > this.budget ? { ...bulk, ids: null } : { ...bulk, ids: [...ids, message.id] };
      out.push(this.sent(message));
    }
  }

  private add(
    p: PartnerState,
    change: ChangeEvent,
    line: number,
    text: string | null,
    changeBytes: number,
    out: PartnerChangeMessage[],
  ): void {
    const partnerId = change.partnerId;
    if (p.rows++ === 0) this.withRows.add(partnerId);
    let b = p.batch;
    if (b && b.bytes + changeBytes > this.budget) {
      const m = this.flush(partnerId);
      if (m) out.push(m);
      b = undefined;
    }
    if (!b) {
      b = { changes: [], texts: [], ascii: true, firstLine: line, bytes: this.envelopeOf(p, line) };
      this.buffers.set(partnerId, b);
      p.batch = b;
    }
    b.changes.push(change);
    b.texts.push(text);
    if (text !== null && changeBytes !== text.length + 1) b.ascii = false;
    b.bytes += changeBytes;
    this.buffered++;
    if (b.changes.length >= this.batchSize) {
      const m = this.flush(partnerId);
      if (m) out.push(m);
    } else if (this.buffered > this.maxBuffered) {
      const m = this.flushFullest();
      if (m) out.push(m);
    }
  }

  /** Fullest buffer first; on a tie the partner seen first (Map order) — deterministic. */
  private flushFullest(): PartnerChangeMessage | null {
    let fullest: string | null = null;
    let size = -1;
    for (const [id, buf] of this.buffers) {
      if (buf.changes.length > size) {
        fullest = id;
        size = buf.changes.length;
      }
    }
    return fullest === null ? null : this.flush(fullest);
  }

  private snapshot(item: Extract<ParseItem, { snapshot: unknown }>, out: PartnerChangeMessage[]): void {
    const { partnerId, kind, observedAt } = item.snapshot;
    const report = this.options.report;
    const m = this.flush(partnerId);
    if (m) out.push(m);
    if (this.counts.rejected > 0) {
      report?.snapshot({
        partnerId,
        kind,
        observedAt,
        applied: false,
        reason: 'the file has rejected rows; facts missing from it were not ended',
      });
      return;
    }
    report?.snapshot({ partnerId, kind, observedAt, applied: true });
    const marker = { kind, observedAt, rows: this.partners.get(partnerId)?.rows ?? 0 };
    const message = this.message(partnerId, batchId(partnerId, [JSON.stringify({ snapshot: { kind, observedAt } })]), [], item.line);
    message.snapshot = marker;
    out.push(this.sent(message));
  }

  /** Sends a partner's buffer; `before` (bulk files): the ids sent to it earlier, when this is its last message. */
  private flush(partnerId: string, before?: string[]): PartnerChangeMessage | null {
    const b = this.buffers.get(partnerId);
    if (!b || b.changes.length === 0) return null;
    this.buffers.delete(partnerId);
    const p = this.partners.get(partnerId);
    if (p) p.batch = undefined;
    this.buffered -= b.changes.length;
    const message = this.message(partnerId, this.idOf(partnerId, b, before), b.changes, b.firstLine);
    if (before && message.bulk) message.bulk.ids = [...before, message.id];
    return this.sent(message);
  }

  /** The batch's id: over its changes' JSON texts (made now for the fast path's) and, on a last message, the ids it lists. */
  private idOf(partnerId: string, b: Batch, before: string[] | undefined): string {
    const texts: string[] = [];
    for (let i = 0; i < b.changes.length; i++) texts.push(b.texts[i] ?? plainChangeJson(b.changes[i] as ChangeEvent));
    if (before) texts.push(JSON.stringify(before));
    return batchId(partnerId, texts, b.ascii);
  }

  private message(partnerId: string, id: string, changes: ChangeEvent[], line: number): PartnerChangeMessage {
    const message: PartnerChangeMessage = { id, partnerId, changes, source: this.source(line) };
    if (this.bulk) message.bulk = { ...this.bulk };
    return message;
  }

  private sent(message: PartnerChangeMessage): PartnerChangeMessage {
    this.counts.messages++;
    this.options.report?.message();
    if (this.bulk) {
      const ids = this.sentPerPartner.get(message.partnerId);
      if (ids) ids.push(message.id);
      else this.sentPerPartner.set(message.partnerId, [message.id]);
    }
    return message;
  }

  private source(line: number): PartnerChangeMessage['source'] {
    const s: PartnerChangeMessage['source'] = { line };
    if (this.options.file !== undefined) s.file = this.options.file;
    if (this.options.etag !== undefined) s.etag = this.options.etag;
    return s;
  }

  /** The partner's state, made on its first change (its envelope's size then). */
  private partner(partnerId: string): PartnerState {
    let p = this.partners.get(partnerId);
    if (p === undefined) {
      const envelope: PartnerChangeMessage = { id: ID_PLACEHOLDER, partnerId, changes: [], source: this.source(0) };
      if (this.bulk) envelope.bulk = { ...this.bulk };
      p = { rows: 0, envelope: jsonBytes(envelope), batch: undefined };
      this.partners.set(partnerId, p);
    }
    return p;
  }

  /** Envelope bytes of a message with no changes whose source is `line` (line 0's, plus its digits less one). */
  private envelopeOf(p: PartnerState, line: number): number {
    return p.envelope + digits(line) - 1;
  }

  private tooLarge(line: number, alone: number): ParseItem {
    const error = `the change is too large for a message: ${alone} bytes serialized, the limit is ${this.budget} (${this.options.maxMessageBytes ?? MESSAGE_SIZE.maxBytes} less a margin for headers)`;
    return { file: this.options.file ?? '', line, error };
  }
}

/** String(line).length for a line number (a non-negative integer below 1e21), without making the string. */
function digits(line: number): number {
  let d = 1;
  for (let n = line; n >= 10; n = Math.floor(n / 10)) d++;
  return d;
}
