// A partner's mails (GET /api/partners/{partnerId}/mails): the notification sent-records that
// shared/notifications/sendOnce.ts keeps in `operations` (partition notifications-sent), newest first.
//
// Cost: one single-partition query page of at most `limit` records (most recently written first),
// whatever the number of partners or mails.
import type { SendState } from '../notifications/sendOnce.js';
import type { MailQueries } from '../ports/repositories.js';

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
}

export async function readPartnerMails(mailRecords: MailQueries, partnerId: string, limit: number): Promise<PartnerMails> {
  const rows = await mailRecords.forPartner(partnerId, limit);
  const found = rows.filter((r) => typeof r.record.notificationId === 'string');
  // The write time has whole seconds: within one second, the recorded times decide (ISO strings compare as times).
  const mails = found
    .map((r) => ({ mail: mailOf(r.record as MailRow), writtenAt: r.writtenAt }))
    .sort((a, b) => b.writtenAt - a.writtenAt || (b.mail.at ?? '').localeCompare(a.mail.at ?? ''))
    .map((r) => r.mail);
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
