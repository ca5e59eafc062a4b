// POST /api/changes as a use case, free of HTTP types: a Standard Webhooks-signed body of change
// events → per-partner messages on partner-changes → 202 { accepted, messages }.
//
// Order of the steps, and why:
// 1. No secret configured → 503: an unauthenticated writer must never be the fallback.
// 2. Verify the signature and timestamp (401/400). Nothing unauthenticated is stored, so a forger
//    cannot occupy a delivery id.
// 3. A delivery id seen before → the stored answer, nothing sent (Standard Webhooks retries).
// 4. Validate every change (400 listing each error; nothing sent: all or nothing).
// 5. Claim the delivery id (a conditional create of a pending record) BEFORE applying: of concurrent
//    deliveries of one id — even with different bodies — exactly one applies; the others get its
//    recorded answer, or 409 while it is pending. Then send, THEN record the answer (replacing the
//    pending record). A crash between the two leaves a pending record that a retry takes over after
//    DELIVERY_CLAIM_TIMEOUT_MS and sends again — with the same content-hash message ids, which
//    dedupe drops — rather than a recorded 202 whose messages were never sent.
import { changeSender } from '../bus/partner-changes.js';
import { ChangeTooLargeError, messagesFor, type PartnerChangeMessage } from '../domain/changes/message.js';
import { type ChangeError, parseChangeEvents } from '../domain/changes/validate.js';
import { logId } from '../domain/ids.js';
import { bodyBudget } from '../imports/message-size.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/documentStore.js';
import type { Logger } from '../ports/logger.js';
import type { MessageBus } from '../ports/messageBus.js';
import { receiveSignedDelivery, type SignedRequest } from '../webhooks/delivery.js';

export interface PushDeps {
  store: DocumentStore;
  bus: MessageBus;
  /** The business clock (receivedAt, observed days). */
  clock: Clock;
  /** The real clock that webhook timestamps are checked against; default `clock`. */
  realClock?: Clock;
}

export interface PushOptions {
  /** WEBHOOK_SECRETS: any of them may have signed. */
  secrets: readonly string[];
  log: Logger;
  queue?: string;
  toleranceSeconds?: number;
  /** Bodies larger than this are refused with 413 before anything else (default 10 MB). */
  maxBodyBytes?: number;
  /** Largest JSON body of one queued message (default: the bus's limit less a margin, imports/message-size.ts). */
  maxMessageBytes?: number;
}

export type PushAnswerBody =
  | { accepted: number; messages: string[] }
  | {
      error: string;
      errors?: ChangeError[];
      /** Problems beyond the listed errors (at most MAX_REPORTED_ERRORS are listed). */ moreErrors?: number;
    };

export interface PushAnswer {
  status: number;
  body: PushAnswerBody;
  /** True when this is the stored answer to an earlier delivery of the same webhook-id. */
  replayed?: boolean;
}

export async function receivePush(deps: PushDeps, options: PushOptions, request: SignedRequest): Promise<PushAnswer> {
  // A 503 (the queue refused part of the delivery) is not recorded: the sender's retry sends it all
  // again, and the deterministic message ids let the broker and the idempotent apply drop what got through.
  const remember = (answer: { status: number }) => answer.status !== 503;
  return receiveSignedDelivery(
    deps,
    { ...options, endpoint: 'POST /api/changes', logName: 'submitChanges', remember },
    request,
    (webhookId, json) => apply(deps, options, webhookId, json),
  );
}

async function apply(deps: PushDeps, options: PushOptions, webhookId: string, json: unknown): Promise<PushAnswer> {
  const parsed = parseChangeEvents(json);
  if (!parsed.ok) {
    options.log.warn(
      `submitChanges: ${logId(webhookId)}: ${parsed.errors.length + (parsed.moreErrors ?? 0)} invalid change field(s); nothing applied`,
    );
    const moreErrors = parsed.moreErrors ?? 0;
    const total = parsed.errors.length + moreErrors;
    const more = moreErrors > 0 ? ` (the first ${parsed.errors.length} listed, … and ${moreErrors} more)` : '';
    const first = parsed.errors[0]!;
    const body: { error: string; errors: ChangeError[]; moreErrors?: number } = {
      error: `invalid changes: ${total} problem(s), nothing applied${more}${parsed.errors.length === 1 && first.index === -1 ? `: ${first.message}` : ''}`,
      errors: parsed.errors,
    };
    if (moreErrors > 0) body.moreErrors = moreErrors;
    return { status: 400, body };
  }
  // Every change is validated and every message built before anything is sent: all or nothing at the door.
  let messages: PartnerChangeMessage[];
  try {
    messages = messagesFor(parsed.changes, { webhookId }, { maxBodyBytes: options.maxMessageBytes ?? bodyBudget() });
  } catch (err) {
    if (!(err instanceof ChangeTooLargeError)) throw err;
    const errors: ChangeError[] = [{ index: err.index, path: '', message: err.message }];
    return {
      status: 400,
      body: { error: `invalid changes: 1 problem(s), nothing applied: changes[${err.index}]: ${err.message}`, errors },
    };
  }
  try {
    await changeSender(deps.bus, options.queue)(messages);
  } catch (err) {
    options.log.warn(
      `submitChanges: ${logId(webhookId)}: queueing failed midway (${err instanceof Error ? err.message : String(err)}); answered 503, not recorded`,
    );
    return {
      status: 503,
      body: { error: 'the changes could not all be queued; retry the same delivery (what was already queued is dropped as a duplicate)' },
    };
  }
  options.log.log(
    `submitChanges: ${logId(webhookId)}: ${parsed.changes.length} change(s) → ${messages.length} message(s) on ${options.queue ?? 'partner-changes'}`,
  );
  return { status: 202, body: { accepted: parsed.changes.length, messages: messages.map((m) => m.id) } };
}
