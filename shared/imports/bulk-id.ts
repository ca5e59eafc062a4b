// Message ids of an import, deterministic without hashing each row on its own: a batch's id is one
// SHA-256 over its partner and the JSON text of each change in order, made when the batch is sent (a
// bulk file's last message adds the list of ids it carries). The same content gives
// the same batches (groupByPartner is deterministic), so the same ids: a re-import or a re-dropped
// file is dropped by Service Bus duplicate detection, and re-applied idempotently beyond its window.
import { createHash } from 'node:crypto';

import type { BulkMark, PartnerChangeMessage } from '../domain/changes/message.js';

/**
 * A batch's id: SHA-256 over `"partnerId"\n` and each text and a newline, in one update (one per row
 * was most of the hashing's cost). `ascii`: the caller knows every text is ASCII — then latin1 gives
 * their UTF-8 bytes by a plain copy.
 */
export function batchId(partnerId: string, texts: readonly string[], ascii = texts.every(isAscii)): string {
  const head = `${JSON.stringify(partnerId)}\n`;
  const body = texts.length === 0 ? head : `${head}${texts.join('\n')}\n`;
  return `chg-${createHash('sha256')
    .update(body, ascii && isAscii(head) ? 'latin1' : 'utf8')
    .digest('hex')}`;
}

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
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
