// Dispatching the outbox: each entry not yet dispatched becomes one message on the `notifications`
// queue with messageId = entry id (Service Bus duplicate detection drops a repeat inside its window; the
// notification sender's sent-record catches later ones), then the entries are marked dispatched with a
// second conditional write of the state document. A crash between the send and the mark only sends the
// same message ids again.
//
// Held for contacts: an entry whose partner has no usable contact yet (the transition arrived before
// the profile's contacts) is NOT sent — it stays undispatched, so the recompute that follows the
// contacts' arrival (or the nightly) dispatches it then. Sending it would make the sender record it
// `skipped` for good. After HOLD_FOR_CONTACTS.days past the entry's day it is sent anyway and the
// sender records it skipped with that reason. Exactly once still holds: nothing is recorded while an
// entry is held; the sender's sent-record is created only when it is finally sent.
import type { ProfileDoc } from '../domain/changes/docs.js';
import { buildNotificationMessage } from '../notifications/message.js';
import { type Clock } from '../ports/clock.js';
import { type Versioned } from '../ports/documentStore.js';
import type { Logger } from '../ports/logger.js';
import { type MessageBus, type OutboundMessage, QUEUES } from '../ports/messageBus.js';
import { isWriteConflict } from '../store/conditional.js';
import type { PartnerRepository } from './partner-repository.js';
import type { PartnerStateDoc, StoredOutboxEntry } from './state-doc.js';

export const HOLD_FOR_CONTACTS = {
  /** How long an entry waits for the partner's contacts before it is let go (then skipped: no-recipient). */
  days: 7,
  why: 'contacts usually follow a new partner within a day or two; a week covers a missed weekly export, and older news is stale',
} as const;

const DAY_MS = 86_400_000;

/** True while `entry` waits for contacts: nobody to mail yet and its day is less than the hold ago. */
export function heldForContacts(entry: StoredOutboxEntry, profile: ProfileDoc | null, now: Date): boolean {
  if (buildNotificationMessage(entry, profile ?? undefined).to.length > 0) return false;
  return !holdExpired(entry.day, now);
}

export function holdExpired(day: string, now: Date): boolean {
  const start = Date.parse(`${day}T00:00:00Z`);
  return !Number.isFinite(start) || now.getTime() - start >= HOLD_FOR_CONTACTS.days * DAY_MS;
}

/** `delayMs`: the settle delay the message waits on the queue, so the sender tells the settled state. */
export function notificationMessageFor(entry: StoredOutboxEntry, profile: ProfileDoc | null, delayMs = 0): OutboundMessage {
  const { dispatched: _d, dispatchedAt: _a, ...outboxEntry } = entry;
  return {
    messageId: entry.id,
    body: buildNotificationMessage(outboxEntry, profile ?? undefined),
    applicationProperties: { partnerId: entry.partnerId, area: entry.area, kind: entry.kind },
    subject: entry.kind,
    ...(delayMs > 0 ? { delayMs } : {}),
  };
}

/** Sends the undispatched entries of `state` and marks them; returns the ids sent. */
export async function dispatchOutbox(
  deps: { bus: MessageBus; clock: Clock; maxAttempts: number; mailSettleSeconds?: number },
  repo: PartnerRepository,
  state: Versioned<PartnerStateDoc>,
  profile: ProfileDoc | null,
  logger: Logger,
): Promise<string[]> {
  const now = deps.clock.now();
  const undispatched = state.doc.outbox.filter((e) => !e.dispatched);
  const pending = undispatched.filter((e) => !heldForContacts(e, profile, now));
  if (pending.length < undispatched.length) {
    logger.log(`${state.doc.partnerId}: ${undispatched.length - pending.length} notification(s) held until the partner has contacts`);
  }
  if (pending.length === 0) return [];
  const delayMs = (deps.mailSettleSeconds ?? 0) * 1000;
  await deps.bus.send(
    QUEUES.notifications,
    pending.map((e) => notificationMessageFor(e, profile, delayMs)),
  );
  const sent = new Set(pending.map((e) => e.id));
  const at = now.toISOString();
  let current: Versioned<PartnerStateDoc> | undefined = state;
  for (let attempt = 1; current && attempt <= deps.maxAttempts; attempt++) {
    const doc: PartnerStateDoc = {
      ...current.doc,
      outbox: current.doc.outbox.map((e) => (sent.has(e.id) && !e.dispatched ? { ...e, dispatched: true, dispatchedAt: at } : e)),
    };
    try {
      await repo.writeState(doc, current.etag);
      logger.log(`${state.doc.partnerId}: dispatched ${sent.size} notification(s): ${[...sent].join(', ')}`);
      return [...sent];
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      current = await repo.readState(state.doc.partnerId);
    }
  }
  // Not marked: the next run sends the same message ids again (dropped as duplicates), then marks them.
  logger.warn(`${state.doc.partnerId}: sent ${sent.size} notification(s) but could not mark them dispatched (concurrent writers)`);
  return [...sent];
}

/**
 * The sender found nobody to mail for `entryId` while the hold has not run out (a message sent before
 * the contacts were removed, or from before the hold existed): marks the entry undispatched again, so
 * the recompute after the contacts arrive sends it. ETag-conditioned; returns false if the entry is gone.
 */
export async function holdAgain(repo: PartnerRepository, partnerId: string, entryId: string, maxAttempts = 5): Promise<boolean> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await repo.readState(partnerId);
    if (!current || !current.doc.outbox.some((e) => e.id === entryId)) return false;
    if (current.doc.outbox.every((e) => e.id !== entryId || !e.dispatched)) return true;
    const doc: PartnerStateDoc = {
      ...current.doc,
      outbox: current.doc.outbox.map((e) => (e.id === entryId ? { ...e, dispatched: false, dispatchedAt: null } : e)),
    };
    try {
      await repo.writeState(doc, current.etag);
      return true;
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
    }
  }
  return false;
}
