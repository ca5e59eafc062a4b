import type { InvocationContext } from '@azure/functions';

import { readStoredClaim } from '../claims/repository.js';
import { type CompetingClaimDetails, type CompetingVerdict, competingVerdict, competitorOf } from '../domain/claims/competing.js';
import { describeIssues } from '../domain/issues.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import { currentRules } from '../domain/rules/load.js';
import { describeContacts } from '../log/redact.js';
import { type NotificationMessage, notificationMessageSchema, renderInputOf } from '../notifications/message.js';
import { type Outgoing, recordSkipped, sendOnce, type SendOnceOptions, type SendOutcome } from '../notifications/sendOnce.js';
import { renderNotification } from '../notifications/templates/render.js';
import { TemplateError } from '../notifications/templates/text.js';
import { HOLD_FOR_CONTACTS, holdAgain, holdExpired } from '../pipeline/dispatch.js';
import { decideMail } from '../pipeline/mail-context.js';
import { PartnerRepository, type PartnerStore } from '../pipeline/partner-repository.js';
import { DEFAULT_DATA_COMPLETE_DAY } from '../pipeline/scoring-day.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/documentStore.js';
import type { Mailer } from '../ports/mailer.js';
import { safeDocumentId } from '../store/ids.js';
import { partnerIdOf, withLogContext } from './log-context.js';
import { rejectMessage } from './rejections.js';

/**
 * notifications → at most one mail per notification id (see shared/notifications/sendOnce.ts for the
 * state record and its one residual at-least-once window).
 *
 * The body is a NotificationMessage (shared/notifications/message.ts: one outbox entry with recipients
 * and language), rendered here from the templates.
 *
 * - invalid body (or a template that cannot render it) → recorded in operations/rejected-messages, settled;
 * - the state it tells no longer holds (a later transition of the area, a same-day reversal within
 *   MAIL_SETTLE_SECONDS, an area no longer at risk: shared/domain/status/settle.ts) → record `skipped`;
 * - claim-competing: the claim is gone, ended (rejected, withdrawn, expired) or decided meanwhile, or
 *   the other claim no longer competes (shared/domain/claims/competing.ts competingVerdict, on both
 *   claims as stored now) → record `skipped` with the reason; with nobody to mail → `skipped`
 *   (no-recipient) at once: it has no outbox entry to wait in;
 * - otherwise the mail shows the area's numbers, window and plan as stored now (pipeline/mail-context.ts);
 * - no recipient → within HOLD_FOR_CONTACTS of the entry's day: nothing recorded, the outbox entry is
 *   marked undispatched again so the recompute after the contacts arrive sends it; after that, record
 *   `skipped` (reason no-recipient), settled;
 * - mail off (MAIL_TRANSPORT=off: the mailer's skipReason) → record `skipped` (reason mail-off), settled;
 * - mail failure → throws: the host abandons and redelivers (dead-letter after max deliveries) and the
 *   retry sends, with the same idempotencyKey.
 */
export interface SendNotificationDeps extends PartnerStore {
  mailer: Mailer;
  clock: Clock;
  rules?: RuleCatalog;
  /** MAIL_SETTLE_SECONDS (default 0: no reversal check for status mails). */
  mailSettleSeconds?: number;
  dataCompleteDay?: number;
}

export function sendNotificationHandler(deps: SendNotificationDeps, options: SendOnceOptions = {}) {
  const contextDeps = {
    store: deps.store,
    repos: deps.repos,
    clock: deps.clock,
    rules: deps.rules ?? currentRules(),
    mailSettleSeconds: deps.mailSettleSeconds ?? 0,
    dataCompleteDay: deps.dataCompleteDay ?? DEFAULT_DATA_COMPLETE_DAY,
  };
  return async (message: unknown, invocation: InvocationContext): Promise<SendOutcome | undefined> => {
    const context = withLogContext(invocation, partnerIdOf(message)); // partnerId= messageId= invocationId= on every line
    const parsed = notificationMessageSchema.safeParse(message);
    if (!parsed.success) {
      await rejectMessage(deps, context, message, describeIssues(parsed.error));
      return undefined;
    }
    const claimCheck = parsed.data.claim ? await checkCompeting(deps.store, parsed.data.partnerId, parsed.data.claim) : null;
    const decision = await decideMail(contextDeps, parsed.data.entry);
    const entry = decision.status ? { ...parsed.data.entry, status: decision.status } : parsed.data.entry;
    const withContext: NotificationMessage = { ...parsed.data, entry, ...(decision.context ? { context: decision.context } : {}) };
    let outgoing: Outgoing;
    try {
      outgoing = fromMessage(withContext);
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      await rejectMessage(deps, context, message, `cannot render the mail: ${err.message}`);
      return undefined;
    }
    if (claimCheck && !claimCheck.send) return recordSkipped(deps, outgoing, claimCheck.reason, context);
    if (!decision.verdict.send) return recordSkipped(deps, outgoing, decision.verdict.reason, context);
    const ignored = parsed.data.ignoredContacts;
    if (ignored.length > 0)
      context.warn(`notification ${outgoing.notificationId}: ignored ${describeContacts(ignored)} that are not email addresses`);
    if (outgoing.mail.to.length === 0 && parsed.data.claim) {
      return recordSkipped(deps, outgoing, 'no-recipient: the partner has no contacts', context);
    }
    if (outgoing.mail.to.length === 0) {
      const entry = parsed.data.entry;
      if (holdExpired(entry.day, deps.clock.now())) {
        return recordSkipped(deps, outgoing, `no-recipient: no contacts within ${HOLD_FOR_CONTACTS.days} days`, context);
      }
      const held = await holdAgain(new PartnerRepository(deps), entry.partnerId, entry.id);
      context.log(
        `notification ${outgoing.notificationId}: no recipient yet; ${held ? 'held until the partner has contacts' : 'its outbox entry is gone'}`,
      );
      return { outcome: 'held', notificationId: outgoing.notificationId, reason: 'no-recipient' };
    }
    if (deps.mailer.skipReason) return recordSkipped(deps, outgoing, deps.mailer.skipReason, context); // MAIL_TRANSPORT=off
    return sendOnce(deps, outgoing, context, options);
  };
}

/** A claim-competing mail at send time: the recipient's claim and the one it competes with, as stored now. */
async function checkCompeting(store: DocumentStore, partnerId: string, details: CompetingClaimDetails): Promise<CompetingVerdict> {
  const mine = await readStoredClaim(store, partnerId, details.claimId);
  const competitor = mine ? competitorOf(mine, details.competingRef) : undefined;
  const other = competitor ? await readStoredClaim(store, competitor.partnerId, competitor.claimId) : undefined;
  return competingVerdict(details, mine, other);
}

function fromMessage(m: NotificationMessage): Outgoing {
  const mail = renderNotification(renderInputOf(m));
  return {
    notificationId: m.id,
    // Entry ids never hold / \ ? # (partner ids exclude them); this is a safeguard.
    recordId: safeDocumentId(m.id),
    partnerId: m.partnerId,
    kind: m.entry.kind,
    area: m.entry.area,
    language: mail.language,
    mail: { to: m.to, subject: mail.subject, text: mail.text, html: mail.html },
  };
}
