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
import { createHash } from 'node:crypto';

import {
  type ChangeError,
  ChangeTooLargeError,
  jsonBoundsProblem,
  MAX_CHANGES_PER_DELIVERY,
  MAX_JSON_DEPTH,
  messagesFor,
  parseChangeEvents,
  type PartnerChangeMessage,
  sha256Hex,
} from '../domain/changes/index.js';
import { logId, quote } from '../domain/ids.js';
import { bodyBudget } from '../imports/message-size.js';
import {
  type Clock,
  type DocumentCollection,
  DocumentConflictError,
  DocumentNotFoundError,
  type DocumentStore,
  type MessageBus,
  OPERATIONS_PK,
} from '../ports/index.js';
import { isWriteConflict } from '../store/conditional.js';
import { OPERATIONS_TTL_SECONDS } from '../store/ttl.js';
import { type HeaderSource, verifyWebhook } from '../webhooks/standard-webhooks.js';
import type { IngestionLog } from './log.js';
import { changeSender } from './send.js';

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
  log: IngestionLog;
  queue?: string;
  toleranceSeconds?: number;
  /** Bodies larger than this are refused with 413 before anything else (default 10 MB). */
  maxBodyBytes?: number;
  /** Largest JSON body of one queued message (default: the bus's limit less a margin, imports/message-size.ts). */
  maxMessageBytes?: number;
}

export interface PushRequest {
  headers: HeaderSource;
  /**
   * The raw body, exactly as received (it is what was signed): the bytes (request.arrayBuffer()), or text
   * (tests, the demo). The signature is checked over these bytes before they are decoded as UTF-8.
   */
  body: string | Uint8Array;
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

export interface WebhookDeliveryDoc<B = PushAnswerBody> {
  id: string;
  pk: typeof OPERATIONS_PK.webhookDeliveries;
  type: 'webhook-delivery';
  webhookId: string;
  receivedAt: string;
  /** To notice (and log) a delivery id reused for a different body. */
  bodySha256: string;
  /** 0 while `pending`. */
  status: number;
  body: B;
  /** The delivery id is claimed and being applied; no answer yet (claimDelivery). */
  pending?: boolean;
  claimedAt?: string;
  [field: string]: unknown;
}

export const DEFAULT_MAX_PUSH_BYTES = 10 * 1024 * 1024;

/** Cosmos ids may not hold / \ ? # and are at most 255 characters; other webhook ids are hashed. */
export function deliveryDocId(webhookId: string): string {
  return /^[A-Za-z0-9._:@=+-]{1,200}$/.test(webhookId) ? webhookId : `sha256-${sha256Hex(webhookId)}`;
}

export async function receivePush(deps: PushDeps, options: PushOptions, request: PushRequest): Promise<PushAnswer> {
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

/** How receiveSignedDelivery answers and records one endpoint's deliveries. */
export interface SignedDeliveryOptions extends Omit<PushOptions, 'queue'> {
  /** Names the endpoint in answers, e.g. `POST /api/changes`. */
  endpoint: string;
  /** Prefix of log lines (the function's name). */
  logName: string;
  /** Items an array of the body may hold (default MAX_CHANGES_PER_DELIVERY); more is a 400 before validation. */
  maxArrayItems?: number;
  /** Id of the delivery record (default deliveryDocId): another endpoint keeps its ids apart with a prefix. */
  deliveryDocId?: (webhookId: string) => string;
  /** Whether an answer is recorded for replays (default: every answer). */
  remember?: (answer: { status: number }) => boolean;
}

/**
 * The steps 1–3 and 5 above for any Standard Webhooks endpoint: secrets, size, signature, delivery
 * dedupe, a body that is not JSON (400, recorded like any answer), recording the answer; `handle` is
 * step 4 (validate the parsed body and act) and gives the answer.
 */
export async function receiveSignedDelivery<B>(
  deps: Pick<PushDeps, 'store' | 'clock' | 'realClock'>,
  options: SignedDeliveryOptions,
  request: PushRequest,
  handle: (webhookId: string, json: unknown) => Promise<{ status: number; body: B }>,
): Promise<{ status: number; body: B | { error: string }; replayed?: boolean }> {
  const log = options.log;
  if (options.secrets.length === 0) {
    return {
      status: 503,
      body: {
        error: `the WEBHOOK_SECRETS setting is missing: ${options.endpoint} accepts only Standard Webhooks-signed requests; set WEBHOOK_SECRETS to one or more whsec_ secrets`,
      },
    };
  }
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_PUSH_BYTES;
  const bytes =
    typeof request.body === 'string'
      ? Buffer.from(request.body, 'utf8')
      : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  if (bytes.byteLength > maxBytes) {
    return { status: 413, body: { error: `body larger than ${maxBytes} bytes; split the changes over several requests` } };
  }
  const verified = verifyWebhook({
    headers: request.headers,
    body: bytes,
    secrets: options.secrets,
    now: (deps.realClock ?? deps.clock).now(),
    ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
  });
  if (!verified.ok) {
    log.warn(`${options.logName}: refused (${verified.status}): ${verified.reason}`);
    return { status: verified.status, body: { error: verified.reason } };
  }

  const webhookId = verified.id;
  const operations = deps.store.collection('operations');
  const docId = (options.deliveryDocId ?? deliveryDocId)(webhookId);
  const bodySha256 = createHash('sha256').update(bytes).digest('hex');
  // Claim the delivery id atomically BEFORE applying (a conditional create of a pending record): of
  // concurrent deliveries of one id (whatever their bodies) exactly one applies; the others get its
  // recorded answer, or 409 while it is still being worked on.
  const now = (deps.realClock ?? deps.clock).now();
  const pending: WebhookDeliveryDoc<null> = {
    id: docId,
    pk: OPERATIONS_PK.webhookDeliveries,
    type: 'webhook-delivery',
    webhookId,
    receivedAt: deps.clock.now().toISOString(),
    bodySha256,
    status: 0,
    body: null,
    pending: true,
    claimedAt: now.toISOString(),
    ttl: OPERATIONS_TTL_SECONDS.webhookDeliveries,
  };
  const claim = await claimDelivery(operations, pending, now);
  if ('earlier' in claim) {
    const earlier = claim.earlier;
    if (earlier.pending === true) {
      log.warn(`${options.logName}: webhook-id ${logId(webhookId)} is being processed by another delivery; answering 409`);
      return {
        status: 409,
        body: { error: `webhook-id ${quote(webhookId)} is being processed by an earlier delivery; retry later for its answer` },
      };
    }
    return replay(earlier as WebhookDeliveryDoc<B>, bodySha256, log, options.logName);
  }

  let answer: { status: number; body: B | { error: string } };
  try {
    const json = parseJson(bytes);
    // Bounded at the door, iteratively: validation (zod and its issue formatting) recurses and reports per item.
    const tooBig = json.ok ? jsonBoundsProblem(json.value, MAX_JSON_DEPTH, options.maxArrayItems ?? MAX_CHANGES_PER_DELIVERY) : null;
    answer = !json.ok
      ? { status: 400, body: { error: `body is not JSON: ${json.reason}` } }
      : tooBig !== null
        ? { status: 400, body: { error: `body refused: ${tooBig}` } }
        : await handle(webhookId, json.value);
  } catch (err) {
    // Not answered: let the sender's retry try again (best effort; a stale claim is taken over anyway).
    await operations.delete(docId, OPERATIONS_PK.webhookDeliveries, claim.etag).catch(() => undefined);
    throw err;
  }
  if (options.remember && !options.remember(answer)) {
    await operations.delete(docId, OPERATIONS_PK.webhookDeliveries, claim.etag).catch(() => undefined);
    return answer;
  }
  const record: WebhookDeliveryDoc<B | { error: string }> = {
    id: docId,
    pk: OPERATIONS_PK.webhookDeliveries,
    type: 'webhook-delivery',
    webhookId,
    receivedAt: pending.receivedAt,
    bodySha256,
    status: answer.status,
    body: answer.body,
    ttl: OPERATIONS_TTL_SECONDS.webhookDeliveries,
  };
  try {
    await operations.replace(record, claim.etag);
  } catch (err) {
    if (!isWriteConflict(err) && !(err instanceof DocumentNotFoundError)) throw err;
    // Our claim went stale and another delivery took it over: answer as it did once it has recorded.
    const other = await operations.read<WebhookDeliveryDoc<B>>(docId, OPERATIONS_PK.webhookDeliveries);
    if (other && other.doc.pending !== true) return replay(other.doc, bodySha256, log, options.logName);
  }
  return answer;
}

/** A pending claim older than this is taken to be a crashed delivery's, and may be taken over. */
export const DELIVERY_CLAIM_TIMEOUT_MS = 5 * 60 * 1000;

/** Creates the pending record (`{ etag }`: ours), or returns the record already there (`{ earlier }`). */
async function claimDelivery(
  operations: DocumentCollection,
  pending: WebhookDeliveryDoc<null>,
  now: Date,
): Promise<{ etag: string } | { earlier: WebhookDeliveryDoc<unknown> }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return { etag: (await operations.create(pending)).etag };
    } catch (err) {
      if (!(err instanceof DocumentConflictError)) throw err;
    }
    const earlier = await operations.read<WebhookDeliveryDoc<unknown>>(pending.id, pending.pk);
    if (!earlier) continue; // deleted meanwhile (its delivery was not answered): claim again
    const claimedAt = typeof earlier.doc.claimedAt === 'string' ? Date.parse(earlier.doc.claimedAt) : NaN;
    if (earlier.doc.pending === true && now.getTime() - claimedAt > DELIVERY_CLAIM_TIMEOUT_MS) {
      try {
        return { etag: (await operations.replace(pending, earlier.etag)).etag };
      } catch (err) {
        if (!isWriteConflict(err)) throw err;
        continue;
      }
    }
    return { earlier: earlier.doc };
  }
  throw new Error(`webhook delivery ${pending.id}: could not claim the delivery record`);
}

/**
 * The signed bytes as JSON: not valid UTF-8 → 400 (never 401: the signature was good). A leading
 * byte-order mark is stripped and the body accepted (TextDecoder's default), as JSON parsers commonly do.
 */
function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

function replay<B>(
  doc: WebhookDeliveryDoc<B>,
  bodySha256: string,
  log: IngestionLog,
  logName: string,
): { status: number; body: B; replayed: true } {
  if (doc.bodySha256 !== bodySha256) {
    log.warn(
      `${logName}: webhook-id ${logId(doc.webhookId)} was reused for a different body; answering as the first delivery and ignoring this one`,
    );
  } else {
    log.log(`${logName}: webhook-id ${logId(doc.webhookId)} delivered again; answering as before (${doc.status}), nothing applied`);
  }
  return { status: doc.status, body: doc.body, replayed: true };
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
