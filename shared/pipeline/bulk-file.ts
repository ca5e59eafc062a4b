// Bulk files: one recompute per partner per file (issue 15), not one per 500-change message. The
// importer marks a file's messages with `bulk` (shared/imports/group.ts); a partner's last message of
// the file lists the ids of all of the file's messages for that partner. The processor applies every
// bulk message as usual, notes its id here, and recomputes only when every id of some listed file is
// applied — so it stays right when messages come twice, late or out of order:
// - the last message first: its list waits here; the message that completes it recomputes;
// - a message twice: its id is already noted; nothing new is ready, no recompute (its changes were
//   applied the first time, idempotently);
// - a crash after noting but before the recompute: the list is still waiting and complete, so the
//   redelivery recomputes; the list is marked done only after the recompute;
// - a re-dropped file whose messages the broker drops as duplicates: their ids were noted by the first
//   import (content-hashed ids), so the second file's list completes with them.
// One document per partner in `operations` (pk bulk-imports), written on its ETag; ids are kept a day
// (longer than any redelivery), then pruned. Cost: a point read and a write per bulk message.
import type { BulkMark } from '../domain/changes/message.js';
import type { DocumentStore } from '../ports/documentStore.js';
import { isWriteConflict, writeOnEtag } from '../store/conditional.js';
import { WriteContentionError } from './deps.js';

export const BULK_PROGRESS_PK = 'bulk-imports';
/** How long applied ids and waiting lists are kept. */
export const BULK_KEEP_MS = 24 * 60 * 60 * 1000;

export interface BulkProgressDoc {
  id: string;
  pk: typeof BULK_PROGRESS_PK;
  type: 'bulk-progress';
  partnerId: string;
  /** Applied bulk message id → when it was first applied. */
  applied: Record<string, string>;
  /** A file's last message id → the ids it lists and when it came. */
  waiting: Record<string, { ids: string[]; at: string; file: string; done?: true }>;
  /** When a bulk message last changed one of the partner's documents. */
  lastWriteAt?: string;
  updatedAt: string;
  [field: string]: unknown;
}

export const bulkProgressId = (partnerId: string) => `bulk:${partnerId}`;

export interface BulkNote {
  /** Recompute now: a listed file is complete (or its list did not fit a message). */
  recompute: boolean;
  /** The last-message ids whose files are complete: clear them after the recompute. */
  ready: string[];
  /** When a bulk message last changed a document of the partner (the state's lastChangeAt). */
  changedAt?: string;
}

/** Notes that `messageId` (a bulk message) is applied; says whether the partner is to be recomputed now. */
export async function noteBulkMessage(
  store: DocumentStore,
  partnerId: string,
  messageId: string,
  bulk: BulkMark,
  wrote: boolean,
  now: Date,
  maxAttempts: number,
): Promise<BulkNote> {
  const listed = bulk.ids;
  if (listed === null) return { recompute: true, ready: [] };
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - BULK_KEEP_MS).toISOString();
  return update(store, partnerId, maxAttempts, now, (doc) => {
    let changed = false;
    if (doc.applied[messageId] === undefined) {
      doc.applied[messageId] = at;
      changed = true;
    }
    if (wrote) {
      doc.lastWriteAt = at;
      changed = true;
    }
    if (listed !== undefined && doc.waiting[messageId] === undefined) {
      doc.waiting[messageId] = { ids: listed, at, file: bulk.file };
      changed = true;
    }
    for (const [id, when] of Object.entries(doc.applied)) {
      if (when < cutoff) {
        delete doc.applied[id];
        changed = true;
      }
    }
    for (const [id, w] of Object.entries(doc.waiting)) {
      if (w.at < cutoff) {
        delete doc.waiting[id];
        changed = true;
      }
    }
    const ready = Object.entries(doc.waiting)
      .filter(([, w]) => w.done !== true && w.ids.every((id) => doc.applied[id] !== undefined))
      .map(([id]) => id);
    const note: BulkNote = { recompute: ready.length > 0, ready };
    if (doc.lastWriteAt !== undefined) note.changedAt = doc.lastWriteAt;
    return { changed, result: note };
  });
}

/** After the recompute: the complete files' lists are done. */
export async function clearBulkReady(
  store: DocumentStore,
  partnerId: string,
  ready: readonly string[],
  now: Date,
  maxAttempts: number,
): Promise<void> {
  if (ready.length === 0) return;
  await update(store, partnerId, maxAttempts, now, (doc) => {
    let changed = false;
    for (const id of ready) {
      const w = doc.waiting[id];
      if (w !== undefined && w.done !== true) {
        // Kept (pruned with the rest after a day), so a second delivery of the last message does not recompute again.
        doc.waiting[id] = { ...w, done: true };
        changed = true;
      }
    }
    return { changed, result: undefined };
  });
}

async function update<R>(
  store: DocumentStore,
  partnerId: string,
  maxAttempts: number,
  now: Date,
  change: (doc: BulkProgressDoc) => { changed: boolean; result: R },
): Promise<R> {
  const operations = store.collection('operations');
  const id = bulkProgressId(partnerId);
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const stored = await operations.read<BulkProgressDoc>(id, BULK_PROGRESS_PK);
    const doc: BulkProgressDoc = stored
      ? { ...stored.doc, applied: { ...stored.doc.applied }, waiting: { ...stored.doc.waiting } }
      : { id, pk: BULK_PROGRESS_PK, type: 'bulk-progress', partnerId, applied: {}, waiting: {}, updatedAt: '' };
    const { changed, result } = change(doc);
    if (!changed) return result;
    doc.updatedAt = now.toISOString();
    try {
      await writeOnEtag(operations, doc, stored?.etag);
      return result;
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
    }
  }
  throw new WriteContentionError(`operations/${id}`, maxAttempts);
}
