// Telling both partners of a competing claim (pcs-rules.md §4.2, issue 13). When a claim is submitted
// while another partner's active claim holds one of its keys, the claim path queues one claim-competing
// message per partner on `notifications` — to the submitter about its claim, to the other partner about
// its own — after both claims carry the competing note. The messages have the shape the notification
// sender consumes (shared/notifications/message.ts; recipients, name and language from each partner's
// profile by the same rule, recipientsOf in shared/domain/status/outbox.ts) and are scheduled
// MAIL_SETTLE_SECONDS ahead like every other mail; the sender re-checks both claims at send time.
//
// Exactly once: the message id is competingMailId (partner, claim, digest of the competing claim), so a
// redelivered submission (the claim path re-queues on a duplicate, to cover a crash before the send)
// gives the same ids — dropped by the broker's duplicate detection, and never sent twice by the
// sender's sent-record (shared/notifications/sendOnce.ts).
import type { ProfileDoc } from '../domain/changes/docs.js';
import { type CompetingMail, competingMail } from '../domain/claims/competing.js';
import { type Claim } from '../domain/claims/types.js';
import type { IsoDate } from '../domain/facts/types.js';
import type { Area } from '../domain/facts/types.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import { currentRules } from '../domain/rules/load.js';
import { recipientsOf } from '../domain/status/outbox.js';
import type { Status } from '../domain/status/types.js';
import type { Logger } from '../ports/logger.js';
import { type MessageBus, type OutboundMessage, QUEUES } from '../ports/messageBus.js';
import type { ClaimRepository } from './repository.js';

export interface CompetingMailDeps {
  bus: MessageBus;
  /** MAIL_SETTLE_SECONDS: the real-time delay every notification waits on the queue (default 0). */
  mailSettleSeconds?: number;
  /** The catalog placing a Modern Work & Security workload in Modern Work or Security (default: currentRules()). */
  rules?: RuleCatalog;
}

/** Two claims of different partners found competing on `since`. */
export interface CompetingPair {
  claim: Claim;
  other: Claim;
  since: IsoDate;
}

/** The `notifications` message of one mail: the body notificationMessageSchema reads, id = the entry's id. */
export function competingMailMessage(mail: CompetingMail, profile: ProfileDoc | undefined, delayMs = 0): OutboundMessage {
  const { entry } = mail;
  return {
    messageId: entry.id,
    body: { id: entry.id, partnerId: entry.partnerId, ...recipientsOf(entry.partnerId, profile), entry, claim: mail.claim },
    applicationProperties: { partnerId: entry.partnerId, area: entry.area, kind: entry.kind },
    subject: entry.kind,
    ...(delayMs > 0 ? { delayMs } : {}),
  };
}

/** The two mails of each pair (one per partner, about its own claim), each id once. */
export function competingMails(
  pairs: readonly CompetingPair[],
  rules: RuleCatalog,
  statuses: (partnerId: string) => (area: Area) => Status = () => () => 'inProgress',
): CompetingMail[] {
  const byId = new Map<string, CompetingMail>();
  for (const { claim, other, since } of pairs) {
    for (const [mine, theirs] of [
      [claim, other],
      [other, claim],
    ] as const) {
      const mail = competingMail(mine, theirs, since, rules, statuses(mine.partnerId));
      if (!byId.has(mail.entry.id)) byId.set(mail.entry.id, mail);
    }
  }
  return [...byId.values()];
}

/** Queues the mails of `pairs` on `notifications` (or `queue`, a test's own); returns their message ids. */
export async function queueCompetingMails(
  deps: CompetingMailDeps,
  repo: ClaimRepository,
  pairs: readonly CompetingPair[],
  log: Logger,
  queue: string = QUEUES.notifications,
): Promise<string[]> {
  if (pairs.length === 0) return [];
  const partnerIds = [...new Set(pairs.flatMap((p) => [p.claim.partnerId, p.other.partnerId]))];
  const profiles = new Map<string, ProfileDoc | undefined>();
  const statuses = new Map<string, (area: Area) => Status>();
  for (const partnerId of partnerIds) {
    profiles.set(partnerId, await repo.readProfile(partnerId));
    statuses.set(partnerId, await repo.designationStatuses(partnerId));
  }
  const mails = competingMails(pairs, deps.rules ?? currentRules(), (partnerId) => statuses.get(partnerId) ?? (() => 'inProgress'));
  const delayMs = Math.max(0, deps.mailSettleSeconds ?? 0) * 1000;
  const messages = mails.map((m) => competingMailMessage(m, profiles.get(m.entry.partnerId), delayMs));
  await deps.bus.send(queue, messages);
  log.log(`competing claims: ${messages.length} claim-competing mail(s) queued: ${messages.map((m) => m.messageId).join(', ')}`);
  return messages.map((m) => m.messageId);
}
