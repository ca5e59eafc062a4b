// A partner's mails (GET /api/partners/{partnerId}/mails): the notification sent-records that
// shared/notifications/sendOnce.ts keeps in `operations` (partition notifications-sent), newest first.
//
// Cost: one single-partition query page of at most `limit` records (ORDER BY _ts, the write time),
// whatever the number of partners or mails.
import type { SendState } from '../notifications/sendOnce.js';
import { type DocumentStore, OPERATIONS_PK } from '../ports/index.js';
import { MAX_EMPTY_PAGES } from './partners.js';

export interface PartnerMail {
  /** The notification id (the idempotency key of the mail). */
  notificationId: string;
  /** status change, reminder, at-risk…: the outbox kind. */
  kind: string | null;
  area: string | null;
  /** sent; skipped (nobody to mail, see reason); sending (claimed, not yet confirmed, or failed and waiting for a retry: see lastError). */
  state: SendState;
  subject: string | null;
  recipients: string[];
  language: string | null;
  sentAt: string | null;
  skippedAt: string | null;
  /** Why it was skipped; null otherwise. */
  reason: string | null;
  /** Claims so far (first attempt, retries, takeovers). */
  attempts: number;
  /** The last failed attempt, if any. */
  lastError: { message: string; at: string } | null;
  /** When it was last written (sent, skipped or claimed), ISO time: the order of the list. */
  at: string | null;
}

export interface PartnerMails {
  partnerId: string;
  /** Newest first, at most `limit`. Empty for a partner never mailed (or unknown). */
  mails: PartnerMail[];
}

interface MailRow {
  notificationId?: string;
  kind?: string | null;
  area?: string | null;
  state?: SendState;
  subject?: string | null;
  to?: string[];
  language?: string | null;
  attempts?: number;
  claimedAt?: string | null;
  sentAt?: string;
  skippedAt?: string;
  reason?: string;
  lastError?: { message?: string; at?: string };
  _ts?: number;
}

export const MAILS_QUERY =
  'SELECT c.notificationId, c.kind, c.area, c.state, c.subject, c.to, c.language, c.attempts, c.claimedAt, c.sentAt, ' +
  'c.skippedAt, c.reason, c.lastError, c._ts FROM c WHERE c.pk = @pk AND c.partnerId = @partnerId ORDER BY c._ts DESC';

export async function readPartnerMails(store: DocumentStore, partnerId: string, limit: number): Promise<PartnerMails> {
  const ops = store.collection('operations');
  const spec = {
    query: MAILS_QUERY,
    parameters: [
      { name: '@pk', value: OPERATIONS_PK.notificationsSent },
      { name: '@partnerId', value: partnerId },
    ],
  };
  let token: string | undefined;
  let rows: MailRow[];
  for (let empty = 0; ; empty++) {
    const page = await ops.query<MailRow>(spec, {
      partitionKey: OPERATIONS_PK.notificationsSent,
      pageSize: limit,
      ...(token ? { continuationToken: token } : {}),
    });
    rows = page.items;
    token = page.continuationToken;
    if (rows.length > 0 || !token || empty >= MAX_EMPTY_PAGES) break;
  }
  const mails = rows.filter((r) => typeof r.notificationId === 'string').map(mailOf);
  // _ts has whole seconds: within one second, the recorded times decide (ISO strings compare as times).
  const ts = new Map(rows.map((r) => [r.notificationId, r._ts ?? 0]));
  mails.sort((a, b) => ts.get(b.notificationId)! - ts.get(a.notificationId)! || (b.at ?? '').localeCompare(a.at ?? ''));
  return { partnerId, mails: mails.slice(0, limit) };
}

function mailOf(r: MailRow): PartnerMail {
  const lastError =
    r.lastError && typeof r.lastError.message === 'string' ? { message: r.lastError.message, at: r.lastError.at ?? '' } : null;
  return {
    notificationId: r.notificationId!,
    kind: r.kind ?? null,
    area: r.area ?? null,
    state: r.state ?? 'sending',
    subject: r.subject ?? null,
    recipients: Array.isArray(r.to) ? r.to : [],
    language: r.language ?? null,
    sentAt: r.sentAt ?? null,
    skippedAt: r.skippedAt ?? null,
    reason: r.reason ?? null,
    attempts: typeof r.attempts === 'number' ? r.attempts : 0,
    lastError,
    at: r.sentAt ?? r.skippedAt ?? latest(r.claimedAt ?? null, lastError?.at || null),
  };
}

function latest(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null ? a : a > b ? a : b;
}
