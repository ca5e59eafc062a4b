// Dispatching the outbox: each entry not yet dispatched becomes one message on the `notifications`
// queue with messageId = entry id (Service Bus duplicate detection drops a repeat inside its window; the
// notification sender's sent-record catches later ones), then the entries are marked dispatched with a
// second conditional write of the state document. A crash between the send and the mark only sends the
// same message ids again.
import type { ProfileDoc } from '../domain/changes/docs.js';
import { buildNotificationMessage } from '../notifications/message.js';
import { QUEUES, type Clock, type MessageBus, type OutboundMessage, type Versioned } from '../ports/index.js';
import { isWriteConflict } from '../store/conditional.js';
import type { Logger } from './deps.js';
import type { PartnerRepository } from './partner-repository.js';
import type { PartnerStateDoc, StoredOutboxEntry } from './state-doc.js';

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
  const pending = state.doc.outbox.filter((e) => !e.dispatched);
  if (pending.length === 0) return [];
  const delayMs = (deps.mailSettleSeconds ?? 0) * 1000;
  await deps.bus.send(QUEUES.notifications, pending.map((e) => notificationMessageFor(e, profile, delayMs)));
  const sent = new Set(pending.map((e) => e.id));
  const at = deps.clock.now().toISOString();
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
