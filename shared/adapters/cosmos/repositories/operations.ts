// The read queries of the `operations` container's records, in Cosmos DB SQL — the only place they are
// written. Each query names its partition in the WHERE clause too: the local stand-in ignores the
// partitionKey option.
import { type Document, type DocumentCollection, OPERATIONS_PK, type QueryOptions, type QuerySpec } from '../../../ports/documentStore.js';
import {
  API_KEYS_PK,
  type ApiKeyQueries,
  type ExpiredRecordQueries,
  type ImportReportQueries,
  type MailQueries,
  type MailRecordRow,
  PARTNER_INSIGHTS_STATUS_PK,
  type PartnerInsightsStatusQueries,
  type RejectedMessageQueries,
} from '../../../ports/repositories.js';
import { firstNonEmptyPage } from '../../../store/paging.js';

const PARTITION_QUERY = 'SELECT * FROM c WHERE c.pk = @pk';
const REJECTED_NEWEST_QUERY = 'SELECT * FROM c WHERE c.pk = @pk ORDER BY c.rejectedAt DESC';
const REJECTED_OLDEST_QUERY = 'SELECT * FROM c WHERE c.pk = @pk ORDER BY c.rejectedAt ASC';

/** A query over one partition of `operations` (its WHERE names `c.pk = @pk`). */
function inPartition(query: string, pk: string): QuerySpec {
  return { query, parameters: [{ name: '@pk', value: pk }] };
}

async function all(ops: DocumentCollection, pk: string): Promise<Document[]> {
  const out: Document[] = [];
  for await (const row of ops.queryAll<Document>(inPartition(PARTITION_QUERY, pk), { partitionKey: pk })) if (row.pk === pk) out.push(row);
  return out;
}

export function cosmosApiKeys(ops: DocumentCollection): ApiKeyQueries {
  return { list: () => all(ops, API_KEYS_PK) };
}

export function cosmosPartnerInsightsStatus(ops: DocumentCollection): PartnerInsightsStatusQueries {
  // One page: a status document per configured connection, a handful.
  return {
    async all() {
      const page = await ops.query<Document>(inPartition(PARTITION_QUERY, PARTNER_INSIGHTS_STATUS_PK), {
        partitionKey: PARTNER_INSIGHTS_STATUS_PK,
      });
      return page.items;
    },
  };
}

export function cosmosImportReports(ops: DocumentCollection): ImportReportQueries {
  const pk = OPERATIONS_PK.importReports;
  return {
    // One single-partition query with TOP and ORDER BY.
    async latest(limit) {
      const top = Math.max(1, Math.floor(limit));
      // TOP takes a literal here: `top` is an integer, never request text.
      const spec = inPartition(`SELECT TOP ${top} * FROM c WHERE c.pk = @pk ORDER BY c.finishedAt DESC`, pk);
      const page = await ops.query<Document>(spec, { partitionKey: pk, pageSize: top });
      return page.items.slice(0, top);
    },
  };
}

export function cosmosRejectedMessages(ops: DocumentCollection): RejectedMessageQueries {
  const pk = OPERATIONS_PK.rejectedMessages;
  return {
    // One query page of at most `limit` (past any empty pages first).
    async newest(limit) {
      const query = (s: QuerySpec, o: QueryOptions) => ops.query<Document>(s, o);
      const page = await firstNonEmptyPage(query, inPartition(REJECTED_NEWEST_QUERY, pk), { partitionKey: pk, pageSize: limit });
      return page.items.slice(0, limit);
    },
    oldestFirst: () => ops.queryAll<Document>(inPartition(REJECTED_OLDEST_QUERY, pk), { partitionKey: pk }),
  };
}

/** What the mail list shows of a notification sent-record, and its write time. */
export const MAILS_QUERY =
  'SELECT c.notificationId, c.kind, c.area, c.state, c.subject, c.to, c.language, c.attempts, c.claimedAt, c.sentAt, ' +
  'c.skippedAt, c.reason, c.lastError, c._ts FROM c WHERE c.pk = @pk AND c.partnerId = @partnerId ORDER BY c._ts DESC';

export function cosmosMails(ops: DocumentCollection): MailQueries {
  const pk = OPERATIONS_PK.notificationsSent;
  return {
    // One single-partition query page of at most `limit` records (ORDER BY _ts, the write time).
    async forPartner(partnerId, limit) {
      const spec = {
        query: MAILS_QUERY,
        parameters: [
          { name: '@pk', value: pk },
          { name: '@partnerId', value: partnerId },
        ],
      };
      const query = (s: QuerySpec, o: QueryOptions) => ops.query<Record<string, unknown>>(s, o);
      const page = await firstNonEmptyPage(query, spec, { partitionKey: pk, pageSize: limit });
      return page.items
        .slice(0, limit)
        .map(({ _ts, ...record }): MailRecordRow => ({ record, writtenAt: typeof _ts === 'number' ? _ts : 0 }));
    },
  };
}

export const EXPIRED_QUERY = 'SELECT c.id, c.pk FROM c WHERE c.pk = @pk AND IS_NUMBER(c.ttl) AND c.ttl > 0 AND c._ts + c.ttl < @now';

export function cosmosExpiredRecords(ops: DocumentCollection): ExpiredRecordQueries {
  return {
    async page(pk, nowSeconds, limit) {
      const spec = {
        query: EXPIRED_QUERY,
        parameters: [
          { name: '@pk', value: pk },
          { name: '@now', value: nowSeconds },
        ],
      };
      const page = await ops.query<{ id: string; pk: string }>(spec, { partitionKey: pk, pageSize: limit });
      return page.items.filter((r) => r.pk === pk);
    },
  };
}
