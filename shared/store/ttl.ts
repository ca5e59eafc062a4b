// How long operations records live (issue 11, defect 11). The `operations` container has TTL on with no
// default expiry (`defaultTtl: -1`, infra/main.bicep and ensureCosmosSchema): a record without `ttl`
// lives for ever (cursors, import reports, API keys, claim keys), a record with `ttl` (seconds after its
// last write, `_ts`) is deleted by Cosmos DB on Azure. The values, and why:
import { type DocumentStore, OPERATIONS_PK } from '../ports/documentStore.js';
import { type ExpiredRecordQueries } from '../ports/repositories.js';

const DAY = 24 * 60 * 60;

export const OPERATIONS_TTL_SECONDS = {
  /**
   * Webhook delivery records (replay of an answer for a repeated webhook-id): Standard Webhooks senders
   * retry for about 3 days at most; 7 days covers every redelivery with room.
   */
  webhookDeliveries: 7 * DAY,
  /**
   * Notification sent-records and their sending leases: they keep a notification from going out twice
   * when a message is delivered again — replays of a day's changes, dead-letter resubmits, a recompute of
   * last year's window. 400 days is longer than any redelivery (and than the yearly qualification window).
   */
  notificationsSent: 400 * DAY,
  /** Rejected messages: kept for an operator to look at and resubmit; 30 days is a month of triage. */
  rejectedMessages: 30 * DAY,
} as const;

export interface SweepOptions {
  /** The time to judge expiry by (default: now). */
  now?: Date;
  pageSize?: number;
  /** Partitions of `operations` to sweep (default: all of OPERATIONS_PK). */
  partitions?: readonly string[];
}

/**
 * Deletes expired operations records where nothing else does: the local Cosmos stand-in has no TTL.
 * Per partition, one page of expired records at a time (ExpiredRecordQueries.page), each page deleted
 * before the next query (so no continuation token over a changing result). On Azure it finds nothing
 * (Cosmos DB already hides and purges them): harmless. Returns the number deleted per partition (only
 * those with deletions).
 */
export async function sweepExpired(
  store: DocumentStore,
  expired: ExpiredRecordQueries,
  options: SweepOptions = {},
): Promise<Record<string, number>> {
  const operations = store.collection('operations');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const pageSize = options.pageSize ?? 100;
  const deleted: Record<string, number> = {};
  for (const pk of options.partitions ?? Object.values(OPERATIONS_PK)) {
    for (;;) {
      const items = await expired.page(pk, now, pageSize);
      for (const r of items) await operations.delete(r.id, pk);
      if (items.length > 0) deleted[pk] = (deleted[pk] ?? 0) + items.length;
      if (items.length < pageSize) break;
    }
  }
  return deleted;
}
