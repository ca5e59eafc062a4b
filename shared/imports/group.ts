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
import { type ChangeEvent, makeMessage, type PartnerChangeMessage } from '../domain/changes/index.js';
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
}

interface Batch {
  changes: ChangeEvent[];
  firstLine: number;
  /** Upper bound of the message's JSON body: the envelope with no changes + each change + a comma. */
  bytes: number;
}

export async function* groupByPartner(items: AsyncIterable<ParseItem>, options: GroupOptions = {}): AsyncGenerator<PartnerChangeMessage> {
  const batchSize = options.batchSize ?? 500;
  const maxBuffered = options.maxBufferedChanges ?? 5000;
  const progressEvery = options.progressEvery ?? 10_000;
  const report = options.report;
  const buffers = new Map<string, Batch>();
  const perPartner = new Map<string, number>();
  const counts: ImportProgress = { file: options.file ?? '', rows: 0, accepted: 0, rejected: 0, messages: 0 };
  let buffered = 0;
  const budget = bodyBudget(options.maxMessageBytes ?? MESSAGE_SIZE.maxBytes, options.messageMarginBytes ?? MESSAGE_SIZE.marginBytes);

  const source = (line: number) => {
    const s: PartnerChangeMessage['source'] = { line };
    if (options.file !== undefined) s.file = options.file;
    if (options.etag !== undefined) s.etag = options.etag;
    return s;
  };
  const sent = (message: PartnerChangeMessage): PartnerChangeMessage => {
    counts.messages++;
    report?.message();
    return message;
  };
  const flush = (partnerId: string): PartnerChangeMessage | null => {
    const b = buffers.get(partnerId);
    if (!b || b.changes.length === 0) return null;
    buffers.delete(partnerId);
    buffered -= b.changes.length;
    return sent(makeMessage(partnerId, b.changes, source(b.firstLine)));
  };

  const envelopeBytes = (partnerId: string, line: number) => jsonBytes(makeMessage(partnerId, [], source(line)));

  for await (const raw of items) {
    let item = raw;
    let changeBytes = 0;
    if ('change' in item) {
      changeBytes = jsonBytes(item.change) + 1;
      const alone = envelopeBytes(item.change.partnerId, item.line) + changeBytes;
      if (alone > budget) {
        const error = `the change is too large for a message: ${alone} bytes serialized, the limit is ${budget} (${options.maxMessageBytes ?? MESSAGE_SIZE.maxBytes} less a margin for headers)`;
        item = options.file === undefined ? { file: '', line: item.line, error } : { file: options.file, line: item.line, error };
      }
    }
    report?.record(item);
    if ('error' in item) {
      counts.rows++;
      counts.rejected++;
    } else if ('change' in item) {
      counts.rows++;
      counts.accepted++;
      const partnerId = item.change.partnerId;
      perPartner.set(partnerId, (perPartner.get(partnerId) ?? 0) + 1);
      let b = buffers.get(partnerId);
      if (b && b.bytes + changeBytes > budget) {
        const m = flush(partnerId);
        if (m) yield m;
        b = undefined;
      }
      if (!b) {
        b = { changes: [], firstLine: item.line, bytes: envelopeBytes(partnerId, item.line) };
        buffers.set(partnerId, b);
      }
      b.changes.push(item.change);
      b.bytes += changeBytes;
      buffered++;
      if (b.changes.length >= batchSize) {
        const m = flush(partnerId);
        if (m) yield m;
      } else if (buffered > maxBuffered) {
        // Fullest buffer first; on a tie the partner seen first (Map order) — deterministic.
        let fullest: string | null = null;
        let size = -1;
        for (const [id, buf] of buffers) {
          if (buf.changes.length > size) {
            fullest = id;
            size = buf.changes.length;
          }
        }
        const m = fullest === null ? null : flush(fullest);
        if (m) yield m;
      }
    } else {
      const { partnerId, kind, observedAt } = item.snapshot;
      const m = flush(partnerId);
      if (m) yield m;
      if (counts.rejected > 0) {
        report?.snapshot({
          partnerId,
          kind,
          observedAt,
          applied: false,
          reason: 'the file has rejected rows; facts missing from it were not ended',
        });
      } else {
        report?.snapshot({ partnerId, kind, observedAt, applied: true });
        yield sent(makeMessage(partnerId, [], source(item.line), { kind, observedAt, rows: perPartner.get(partnerId) ?? 0 }));
      }
      continue;
    }
    if (options.onProgress && counts.rows % progressEvery === 0) options.onProgress({ ...counts });
  }
  for (const partnerId of [...buffers.keys()]) {
    const m = flush(partnerId);
    if (m) yield m;
  }
}
