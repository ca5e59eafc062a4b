// Receiving one Standard Webhooks delivery once, for any signed endpoint (POST /api/changes, POST
// /api/claims/events): secrets configured, size, signature and timestamp, delivery-id dedupe with a
// claimed pending record, a body that is not JSON, recording the answer for replays. The endpoint's own
// step (validate the parsed body and act) is the `handle` callback. The steps and why they are in this
// order: shared/ingestion/push.ts.
import { createHash, randomUUID } from 'node:crypto';

import { sha256Hex } from '../domain/changes/canonical.js';
import { jsonBoundsProblem, MAX_CHANGES_PER_DELIVERY, MAX_JSON_DEPTH } from '../domain/changes/validate.js';
import { logId, quote } from '../domain/ids.js';
import { type Clock } from '../ports/clock.js';
import {
  type DocumentCollection,
  DocumentConflictError,
  DocumentNotFoundError,
  type DocumentStore,
  OPERATIONS_PK,
} from '../ports/documentStore.js';
import type { Logger } from '../ports/logger.js';
import { isWriteConflict, retryOnConflict, TRY_AGAIN } from '../store/conditional.js';
import { OPERATIONS_TTL_SECONDS } from '../store/ttl.js';
import { type HeaderSource, verifyWebhook } from './standard-webhooks.js';

export interface SignedDeliveryDeps {
  store: DocumentStore;
  /** The business clock (receivedAt). */
  clock: Clock;
  /** The real clock that webhook timestamps are checked against; default `clock`. */
  realClock?: Clock;
}

export interface SignedRequest {
  headers: HeaderSource;
  /**
   * The raw body, exactly as received (it is what was signed): the bytes (request.arrayBuffer()), or text
   * (tests, the demo). The signature is checked over these bytes before they are decoded as UTF-8.
   */
  body: string | Uint8Array;
}

export interface WebhookDeliveryDoc<B = unknown> {
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
  /** Random per claim: a create the SDK retried after a lost answer finds this record, and knows it as its own. */
  claimToken?: string;
  [field: string]: unknown;
}

export const DEFAULT_MAX_PUSH_BYTES = 10 * 1024 * 1024;

/** Cosmos ids may not hold / \ ? # and are at most 255 characters; other webhook ids are hashed. */
export function deliveryDocId(webhookId: string): string {
  return /^[A-Za-z0-9._:@=+-]{1,200}$/.test(webhookId) ? webhookId : `sha256-${sha256Hex(webhookId)}`;
}

/** How receiveSignedDelivery answers and records one endpoint's deliveries. */
export interface SignedDeliveryOptions {
  /** WEBHOOK_SECRETS: any of them may have signed. */
  secrets: readonly string[];
  log: Logger;
  toleranceSeconds?: number;
  /** Bodies larger than this are refused with 413 before anything else (default 10 MB). */
  maxBodyBytes?: number;
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
  deps: SignedDeliveryDeps,
  options: SignedDeliveryOptions,
  request: SignedRequest,
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
    claimToken: randomUUID(),
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
    // Not answered: let the sender's retry try again.
    await releaseClaim(operations, docId, claim.etag);
    throw err;
  }
  if (options.remember && !options.remember(answer)) {
    await releaseClaim(operations, docId, claim.etag);
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
    if (!isWriteConflict(err) && !(err instanceof DocumentNotFoundError)) {
      // The answer could not be recorded (the caller answers 503): give the id back, so the sender's retry
      // completes the delivery (message ids are deterministic: what was sent is dropped by the broker).
      await releaseClaim(operations, docId, claim.etag);
      throw err;
    }
    // Our claim went stale and another delivery took it over: answer as it did once it has recorded.
    const other = await operations.read<WebhookDeliveryDoc<B>>(docId, OPERATIONS_PK.webhookDeliveries);
    if (other && other.doc.pending !== true) return replay(other.doc, bodySha256, log, options.logName);
  }
  return answer;
}

/**
 * Deletes our pending claim so the delivery id can be claimed again. A few tries: a claim left behind by a
 * transient store error would answer the sender's retries 409 until the takeover timeout. A claim no longer
 * ours (taken over, or gone) is left alone.
 */
async function releaseClaim(operations: DocumentCollection, docId: string, etag: string): Promise<void> {
  for (let attempt = 1; attempt <= RELEASE_ATTEMPTS; attempt++) {
    try {
      await operations.delete(docId, OPERATIONS_PK.webhookDeliveries, etag);
      return;
    } catch (err) {
      if (isWriteConflict(err) || err instanceof DocumentNotFoundError) return;
    }
  }
}
const RELEASE_ATTEMPTS = 3;

/** A pending claim older than this is taken to be a crashed delivery's, and may be taken over. */
export const DELIVERY_CLAIM_TIMEOUT_MS = 5 * 60 * 1000;

/** Creates the pending record (`{ etag }`: ours), or returns the record already there (`{ earlier }`). */
async function claimDelivery(
  operations: DocumentCollection,
  pending: WebhookDeliveryDoc<null>,
  now: Date,
): Promise<{ etag: string } | { earlier: WebhookDeliveryDoc<unknown> }> {
  return retryOnConflict<{ etag: string } | { earlier: WebhookDeliveryDoc<unknown> }>(
    async () => {
      try {
        return { etag: (await operations.create(pending)).etag };
      } catch (err) {
        if (!(err instanceof DocumentConflictError)) throw err;
      }
      const earlier = await operations.read<WebhookDeliveryDoc<unknown>>(pending.id, pending.pk);
      if (!earlier) return TRY_AGAIN; // deleted meanwhile (its delivery was not answered): claim again
      // Our own create: it was written, its answer lost (a connection reset), and the SDK's retry met it.
      if (earlier.doc.pending === true && earlier.doc.claimToken === pending.claimToken) return { etag: earlier.etag };
      const claimedAt = typeof earlier.doc.claimedAt === 'string' ? Date.parse(earlier.doc.claimedAt) : NaN;
      // A crashed delivery's claim is taken over on its etag (a lost race: look again).
      if (earlier.doc.pending === true && now.getTime() - claimedAt > DELIVERY_CLAIM_TIMEOUT_MS) {
        return { etag: (await operations.replace(pending, earlier.etag)).etag };
      }
      return { earlier: earlier.doc };
    },
    {
      maxAttempts: 3,
      exhausted: () => {
        throw new Error(`webhook delivery ${pending.id}: could not claim the delivery record`);
      },
    },
  );
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
  log: Logger,
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
