// Message ids of an import, deterministic without hashing each row on its own: a batch's id is one
// SHA-256 over its partner and the JSON text of each change in order — the text the size check
// computed anyway (a bulk file's last message adds the list of ids it carries). The same content gives
// the same batches (groupByPartner is deterministic), so the same ids: a re-import or a re-dropped
// file is dropped by Service Bus duplicate detection, and re-applied idempotently beyond its window.
import { createHash, type Hash } from 'node:crypto';

import type { BulkMark, PartnerChangeMessage } from '../domain/changes/message.js';

export class BatchId {
  private readonly hash: Hash;

  constructor(partnerId: string) {
    this.hash = createHash('sha256').update(`${JSON.stringify(partnerId)}\n`, 'utf8');
  }

  add(text: string): void {
    this.hash.update(text, 'utf8').update('\n');
  }

  digest(): string {
    return `chg-${this.hash.digest('hex')}`;
  }
}

/** The id of a partner's empty last message of a bulk file: it depends on every id it lists. */
export function lastMessageId(partnerId: string, ids: readonly string[]): string {
  return `chg-${createHash('sha256')
    .update(JSON.stringify(['last', partnerId, ids]), 'utf8')
    .digest('hex')}`;
}

/** One version of one file: its name and ETag (a new upload is a new version). */
export function bulkFileKey(file: string, etag: string | undefined): string {
  return etag === undefined ? file : `${file}@${etag}`;
}

/**
 * For a bulk file given up halfway (unreadable after its retries): one empty message per partner that
 * got messages from it, `bulk.ids: null`, so the processor recomputes the partner at once instead of
 * waiting for a last message that will not come.
 */
export function abandonedMessage(partnerId: string, bulk: BulkMark): PartnerChangeMessage {
  const id = `chg-${createHash('sha256')
    .update(JSON.stringify(['abandoned', partnerId, bulk.file]), 'utf8')
    .digest('hex')}`;
  return { id, partnerId, changes: [], source: {}, bulk: { file: bulk.file, ids: null } };
}
