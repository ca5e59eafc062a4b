// Exactly-once mail per notification id, kept in `operations` (pk notifications-sent, id = notification id).
//
//   absent ──create──▶ sending(lease) ──mail accepted──▶ sent
//                         │  ▲
//       mail failed:      │  │ retry, or another delivery once the lease is released/expired
//       lease released ───┘  │ (same idempotencyKey → same Message-ID / ACS operation id)
//   no recipient: absent ──create──▶ skipped   (only once the hold for contacts has run out; before
//                 that nothing is recorded and the outbox entry waits for the contacts: dispatch.ts)
//
// Every write is create-if-absent or ETag-conditioned, so two deliveries racing on one id cannot both
// claim it: the loser waits (polling) for the winner to finish and then settles as a duplicate.
//
// Residual at-least-once window (documented, not closable without a transactional mail provider): if the
// process dies after the mail server accepted the mail but before `sent` is written (or the write fails),
// the record stays `sending`; once its lease expires the next delivery sends again with the same
// idempotencyKey, hence the same Message-ID (SMTP) / operation id (ACS), so the receiving side can
// recognise the repeat. The same holds if one send outlasts the lease. Conversely a crash never loses a
// mail: the record is only `sent` after the mailer returned.
import { randomUUID } from 'node:crypto';

import { redact, redactError } from '../log/redact.js';
import { type Clock } from '../ports/clock.js';
import {
  type DocumentCollection,
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentPreconditionError,
  type DocumentStore,
  OPERATIONS_PK,
} from '../ports/documentStore.js';
import type { Logger as Log } from '../ports/logger.js';
import { type Mailer, type MailMessage } from '../ports/mailer.js';
import { createOrRead, retryOnConflict } from '../store/conditional.js';
import { OPERATIONS_TTL_SECONDS } from '../store/ttl.js';

export type SendState = 'sending' | 'sent' | 'skipped';

// A type alias (not an interface) so it is assignable to the store's indexable Document.
export type NotificationRecord = {
  id: string;
  pk: typeof OPERATIONS_PK.notificationsSent;
  type: 'notification';
  notificationId: string;
  partnerId: string | null;
  kind: string | null;
  area: string | null;
  language: string | null;
  state: SendState;
  to: string[];
  subject: string | null;
  /** Number of claims (first attempt, then each retry or takeover). */
  attempts: number;
  /** The current claim; a takeover replaces it. */
  attemptId: string | null;
  claimedAt: string | null;
  /** While `sending`: nobody else sends before this time, unless the claimant released it (failure). */
  leaseUntil: string | null;
  mailMessageId?: string;
  sentAt?: string;
  /** skipped: why (e.g. no-recipient). */
  reason?: string;
  skippedAt?: string;
  /** Seconds Cosmos DB keeps the record after its last write (shared/store/ttl.ts). */
  ttl?: number;
  lastError?: { message: string; at: string; attemptId: string };
};

export interface Outgoing {
  /** Idempotency key of the mail. */
  notificationId: string;
  /** Id of the record in operations (notifications-sent). */
  recordId: string;
  partnerId: string | null;
  kind: string | null;
  area: string | null;
  language: string | null;
  mail: Omit<MailMessage, 'idempotencyKey' | 'to'> & { to: string[] };
}

export interface SendOnceOptions {
  /** How long a claim keeps other deliveries from sending (a crashed attempt blocks this long). Default 5 min. */
  leaseMs?: number;
  /** How long a delivery that finds another attempt in flight waits for it before giving up (throws). Default 60 s. */
  waitForInFlightMs?: number;
  /** Polling interval while waiting. Default 250 ms. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
export const DEFAULT_WAIT_FOR_IN_FLIGHT_MS = 60_000;

export type SendOutcome =
  | { outcome: 'sent'; record: NotificationRecord; tookOver: boolean }
  | { outcome: 'already-done'; record: NotificationRecord }
  | { outcome: 'skipped'; record: NotificationRecord }
  /** No recipient yet, within the hold for contacts: nothing recorded; the outbox entry waits (pipeline/dispatch.ts). */
  | { outcome: 'held'; notificationId: string; reason: string };

/** Another delivery is sending this notification right now (and did not finish while we waited). Retryable. */
export class NotificationInFlightError extends Error {
  constructor(
    readonly notificationId: string,
    readonly leaseUntil: string | null,
  ) {
    super(`notification ${notificationId} is being sent by another attempt (lease until ${leaseUntil ?? '?'}); retry later`);
    this.name = 'NotificationInFlightError';
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function baseRecord(o: Outgoing): Omit<NotificationRecord, 'state' | 'attempts' | 'attemptId' | 'claimedAt' | 'leaseUntil'> {
  return {
    id: o.recordId,
    pk: OPERATIONS_PK.notificationsSent,
    type: 'notification',
    ttl: OPERATIONS_TTL_SECONDS.notificationsSent,
    notificationId: o.notificationId,
    partnerId: o.partnerId,
    kind: o.kind,
    area: o.area,
    language: o.language,
    to: o.mail.to,
    subject: o.mail.subject,
  };
}

function errorMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 1000);
}

/** Records that there is nobody to mail. Idempotent; an existing record is left as it is. */
export async function recordSkipped(
  deps: { store: DocumentStore; clock: Clock },
  o: Outgoing,
  reason: string,
  log: Log,
): Promise<SendOutcome> {
  const ops = deps.store.collection('operations');
  const record: NotificationRecord = {
    ...baseRecord(o),
    state: 'skipped',
    attempts: 0,
    attemptId: null,
    claimedAt: null,
    leaseUntil: null,
    reason,
    skippedAt: deps.clock.now().toISOString(),
  };
  const recorded = await createOrRead(ops, record, OPERATIONS_PK.notificationsSent);
  if ('created' in recorded) {
    log.warn(`notification ${o.notificationId} skipped: ${reason}`);
    return { outcome: 'skipped', record };
  }
  const { existing } = recorded;
  log.log(`notification ${o.notificationId} was already handled (${existing?.doc.state ?? 'unknown'})`);
  return { outcome: 'already-done', record: existing?.doc ?? record };
}

type Claim =
  | { kind: 'claimed'; doc: NotificationRecord; etag: string; tookOverFrom: NotificationRecord | null }
  | { kind: 'done'; doc: NotificationRecord }
  | { kind: 'busy'; doc: NotificationRecord | null; retryNow: boolean };

async function claim(ops: DocumentCollection, clock: Clock, o: Outgoing, leaseMs: number): Promise<Claim> {
  const now = clock.now();
  const lease = {
    attemptId: randomUUID(),
    claimedAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
  };
  const first: NotificationRecord = { ...baseRecord(o), state: 'sending', attempts: 1, ...lease };
  const recorded = await createOrRead(ops, first, OPERATIONS_PK.notificationsSent);
  if ('created' in recorded) return { kind: 'claimed', doc: recorded.created.doc, etag: recorded.created.etag, tookOverFrom: null };
  const { existing } = recorded;
  if (!existing) return { kind: 'busy', doc: null, retryNow: true }; // deleted meanwhile: create again
  const doc = existing.doc;
  if (doc.state === 'sent' || doc.state === 'skipped') return { kind: 'done', doc };
  const leaseOver = doc.leaseUntil === null || Date.parse(doc.leaseUntil) <= now.getTime();
  if (!leaseOver) return { kind: 'busy', doc, retryNow: false };
  try {
    const taken = await ops.replace<NotificationRecord>(
      { ...doc, ...baseRecord(o), state: 'sending', attempts: (doc.attempts ?? 0) + 1, ...lease },
      existing.etag,
    );
    return { kind: 'claimed', doc: taken.doc, etag: taken.etag, tookOverFrom: doc };
  } catch (err) {
    if (err instanceof DocumentPreconditionError || err instanceof DocumentNotFoundError) return { kind: 'busy', doc, retryNow: true };
    throw err;
  }
}

/** After a failed send: release the lease so the retry need not wait, and keep the error. Best effort. */
async function release(ops: DocumentCollection, clock: Clock, doc: NotificationRecord, etag: string, err: unknown, log: Log) {
  const at = clock.now().toISOString();
  try {
    await ops.replace<NotificationRecord>(
      { ...doc, leaseUntil: at, lastError: { message: errorMessage(err), at, attemptId: doc.attemptId ?? '' } },
      etag,
    );
  } catch (releaseErr) {
    log.warn(
      `notification ${doc.notificationId}: could not release the claim after a failed send (${errorMessage(releaseErr)}); a retry waits for the lease`,
    );
  }
}

/** Marks the claim sent (ETag-conditioned); if the record moved on meanwhile (a takeover), merges into the latest. */
async function markSent(
  ops: DocumentCollection,
  clock: Clock,
  claimed: { doc: NotificationRecord; etag: string },
  mailMessageId: string,
  log: Log,
): Promise<NotificationRecord> {
  const sent = { state: 'sent' as const, mailMessageId, sentAt: clock.now().toISOString(), leaseUntil: null };
  let current: { doc: NotificationRecord; etag: string } | undefined = claimed;
  let lastError: unknown;
  return retryOnConflict(
    async () => {
      if (current === undefined) return (await ops.create<NotificationRecord>({ ...claimed.doc, ...sent })).doc;
      if (current.doc.state === 'sent') {
        log.warn(
          `notification ${claimed.doc.notificationId} was also sent by attempt ${current.doc.attemptId} (same Message-ID ${mailMessageId})`,
        );
        return current.doc;
      }
      return (await ops.replace<NotificationRecord>({ ...current.doc, ...sent, attemptId: claimed.doc.attemptId }, current.etag)).doc;
    },
    {
      maxAttempts: 5,
      // Any failure is tried again on the record as it is now: a lost race at once, another error after a pause.
      retryOn: () => true,
      onRetry: async (err, attempt) => {
        lastError = err;
        if (!(err instanceof DocumentPreconditionError || err instanceof DocumentNotFoundError || err instanceof DocumentConflictError)) {
          await realSleep(200 * attempt);
        }
        try {
          current = await ops.read<NotificationRecord>(claimed.doc.id, OPERATIONS_PK.notificationsSent);
        } catch (readErr) {
          lastError = readErr;
        }
      },
      exhausted: () => {
        // The mail went out; throwing would only make a retry send it again once the lease expires.
        log.error(
          `notification ${claimed.doc.notificationId} was sent as ${mailMessageId} but could not be recorded as sent (${errorMessage(lastError)}); ` +
            'the record stays "sending": a redelivery after the lease would send it again with the same Message-ID',
        );
        return { ...claimed.doc, ...sent };
      },
    },
  );
}

/**
 * Sends `o` unless it was sent (or skipped) already. Throws when the mailer fails (the claim is released,
 * so the host's retry sends) and NotificationInFlightError when another attempt holds a live claim for
 * longer than `waitForInFlightMs`.
 */
export async function sendOnce(
  deps: { store: DocumentStore; mailer: Mailer; clock: Clock },
  o: Outgoing,
  log: Log,
  options: SendOnceOptions = {},
): Promise<SendOutcome> {
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const waitMs = options.waitForInFlightMs ?? DEFAULT_WAIT_FOR_IN_FLIGHT_MS;
  const pollMs = options.pollMs ?? 250;
  const sleep = options.sleep ?? realSleep;
  const ops = deps.store.collection('operations');
  const giveUpAt = Date.now() + waitMs;
  let waited = false;
  let immediateRetries = 0;

  for (;;) {
    const c = await claim(ops, deps.clock, o, leaseMs);
    if (c.kind === 'done') {
      log.log(`notification ${o.notificationId} was already ${c.doc.state === 'sent' ? 'sent' : 'handled (' + c.doc.state + ')'}`);
      return { outcome: 'already-done', record: c.doc };
    }
    if (c.kind === 'busy') {
      if (c.retryNow && immediateRetries++ < 5) continue;
      if (Date.now() >= giveUpAt) throw new NotificationInFlightError(o.notificationId, c.doc?.leaseUntil ?? null);
      if (!waited) log.log(`notification ${o.notificationId} is being sent by attempt ${c.doc?.attemptId}; waiting for it`);
      waited = true;
      await sleep(pollMs);
      continue;
    }

    if (c.tookOverFrom) {
      const prev = c.tookOverFrom;
      log.warn(
        prev.lastError
          ? `notification ${o.notificationId}: retrying after a failed attempt (${redact(prev.lastError.message)})`
          : `notification ${o.notificationId}: attempt ${prev.attemptId} claimed at ${prev.claimedAt} never finished; sending again with the same Message-ID (it may have been sent)`,
      );
    }
    let messageId: string;
    try {
      ({ messageId } = await deps.mailer.send({ ...o.mail, to: o.mail.to, idempotencyKey: o.notificationId }));
    } catch (err) {
      await release(ops, deps.clock, c.doc, c.etag, err, log);
      throw redactError(err); // the host logs it: a mailer's error may quote a recipient
    }
    const record = await markSent(ops, deps.clock, c, messageId, log);
    log.log(`sent notification ${o.notificationId} as ${messageId}`);
    return { outcome: 'sent', record, tookOver: c.tookOverFrom !== null };
  }
}
