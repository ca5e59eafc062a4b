// Messages on the change bus: a batch of change events for ONE partner, and optionally a snapshot
// marker. The message id is a hash of the content, so re-dropping the same file (or re-sending the
// same push) produces the same ids and Service Bus duplicate detection / the processor's idempotence
// do the rest.
//
// Snapshot marker: `{ kind, observedAt }` sets the partner's watermark for that kind (applySnapshot):
// facts of that kind observed before it have ended. Rows of the snapshot file carry exactly that
// observedAt, so they survive it in any order of arrival — which is why the marker does not need to
// list the keys present (a key list would not fit a message for a large usage snapshot anyway).
// Producers send the marker only after the whole file was read without rejected rows.
import { z } from 'zod';

import { idSchema } from '../ids.js';
import { canonicalJson, compareText, sha256Hex } from './canonical.js';
import { type ChangeEvent, changeEventSchema, observedAt, SNAPSHOT_KINDS, type SnapshotKind } from './events.js';

export interface SnapshotMarker {
  kind: SnapshotKind;
  observedAt: string;
  /** Rows the snapshot file held for this partner (for logs and reports). */
  rows: number;
}

export interface ChangeSource {
  file?: string;
  etag?: string;
  /** Line of the first change of the batch in the file. */
  line?: number;
  /** Standard Webhooks delivery id of a pushed batch. */
  webhookId?: string;
}

/**
 * Set on the messages of one bulk file (an import): the processor applies them without recomputing,
 * and recomputes the partner once all of the file's messages for it are applied.
 */
export interface BulkMark {
  /** The file version: `name@etag`. */
  file: string;
  /**
   * Only on the partner's last message of the file: the ids of every message the file gave the partner
   * (this one included); null when the list would not fit a message (the partner is then recomputed at once).
   */
  ids?: string[] | null;
}

export interface PartnerChangeMessage {
  /** Deterministic: messageId(partnerId, changes, snapshot). Use it as the Service Bus messageId. */
  id: string;
  partnerId: string;
  changes: ChangeEvent[];
  source: ChangeSource;
  snapshot?: SnapshotMarker;
  bulk?: BulkMark;
}

/** Service Bus message ids are at most 128 characters; this is 68. */
export function messageId(partnerId: string, changes: readonly ChangeEvent[], snapshot?: SnapshotMarker): string {
  // Order of changes inside the batch does not matter to the result, so it does not matter to the id.
  const items = changes.map((c) => canonicalJson(c)).sort(compareText);
  const marker = snapshot ? { kind: snapshot.kind, observedAt: snapshot.observedAt } : null;
  return `chg-${sha256Hex(canonicalJson({ partnerId, changes: items, snapshot: marker }))}`;
}

export function makeMessage(
  partnerId: string,
  changes: ChangeEvent[],
  source: ChangeSource = {},
  snapshot?: SnapshotMarker,
): PartnerChangeMessage {
  for (const change of changes) {
    if (change.partnerId !== partnerId) throw new Error(`change for ${change.partnerId} in a message for ${partnerId}`);
  }
  const message: PartnerChangeMessage = { id: messageId(partnerId, changes, snapshot), partnerId, changes, source };
  if (snapshot) message.snapshot = snapshot;
  return message;
}

/** Parses a message body received from the bus (it is JSON produced by makeMessage). */
export const partnerChangeMessageSchema = z.object({
  id: z.string().min(1),
  partnerId: idSchema,
  changes: z.array(changeEventSchema),
  source: z
    .object({
      file: z.string().optional(),
      etag: z.string().optional(),
      line: z.number().int().optional(),
      webhookId: z.string().optional(),
    })
    .default({}),
  snapshot: z.object({ kind: z.enum(SNAPSHOT_KINDS), observedAt, rows: z.number().int().nonnegative() }).optional(),
  bulk: z.object({ file: z.string().min(1).max(2000), ids: z.array(z.string().min(1).max(128)).nullable().optional() }).optional(),
});

export interface MessageLimits {
  /** Changes per message (default 500). */
  batchSize?: number;
  /** Largest JSON body of one message, in UTF-8 bytes (default: no limit). */
  maxBodyBytes?: number;
}

/** A change that cannot fit any message under `maxBodyBytes`, by its index in the input. */
export class ChangeTooLargeError extends Error {
  override name = 'ChangeTooLargeError';
  constructor(
    readonly index: number,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`the change is too large for a message: ${bytes} bytes serialized with its message, the limit is ${limit}`);
  }
}

const utf8Bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * Groups validated changes (e.g. a pushed batch) into per-partner messages of at most `batchSize`
 * changes and, when given, `maxBodyBytes` of JSON, in first-seen partner order. Deterministic for the
 * same input. Throws ChangeTooLargeError (before any message exists) when one change alone cannot fit.
 */
export function messagesFor(
  changes: readonly ChangeEvent[],
  source: ChangeSource = {},
  limits: number | MessageLimits = {},
): PartnerChangeMessage[] {
  const { batchSize = 500, maxBodyBytes = Infinity } = typeof limits === 'number' ? { batchSize: limits } : limits;
  const byPartner = new Map<string, { change: ChangeEvent; index: number }[]>();
  changes.forEach((change, index) => {
    const list = byPartner.get(change.partnerId) ?? [];
    list.push({ change, index });
    byPartner.set(change.partnerId, list);
  });
  const messages: PartnerChangeMessage[] = [];
  for (const [partnerId, list] of byPartner) {
    // Bytes of the message with no change, then each change and its comma: an upper bound of the body.
    const empty = maxBodyBytes === Infinity ? 0 : utf8Bytes(makeMessage(partnerId, [], source));
    let batch: ChangeEvent[] = [];
    let bytes = empty;
    for (const { change, index } of list) {
      const size = maxBodyBytes === Infinity ? 0 : utf8Bytes(change) + 1;
      if (empty + size > maxBodyBytes) throw new ChangeTooLargeError(index, empty + size, maxBodyBytes);
      if (batch.length > 0 && (batch.length >= batchSize || bytes + size > maxBodyBytes)) {
        messages.push(makeMessage(partnerId, batch, source));
        batch = [];
        bytes = empty;
      }
      batch.push(change);
      bytes += size;
    }
    if (batch.length > 0) messages.push(makeMessage(partnerId, batch, source));
  }
  return messages;
}
