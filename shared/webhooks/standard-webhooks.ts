// Standard Webhooks (https://www.standardwebhooks.com/), both sides, as pure functions of their
// inputs (the clock is a parameter). Used by POST /api/changes and the claims webhook (verify), and
// by tests, the demo and any pushing system (sign).
//
//   headers:   webhook-id, webhook-timestamp (Unix seconds), webhook-signature
//   signed:    `${id}.${timestamp}.${body}` — the raw body bytes, exactly as sent
//   signature: HMAC-SHA256 keyed with the base64-decoded part of a `whsec_…` secret, written
//              `v1,<base64>`; the header may hold several, separated by spaces (key rotation)
//   verify:    any v1 signature matching any configured secret, compared in constant time, and a
//              timestamp within the tolerance (default 5 minutes) of now in either direction.
//
// Answers: 400 for a request that is not a Standard Webhooks request at all (headers missing or
// malformed); 401 for one that is, but fails authentication (no matching signature, stale or
// future timestamp).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type HeaderSource = { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookBody = string | Uint8Array;

export type VerifyResult = { ok: true; id: string; timestamp: number } | { ok: false; status: 400 | 401; reason: string };

export interface VerifyInput {
  headers: HeaderSource;
  /** The raw body as received (do not re-serialize parsed JSON: the bytes are what is signed). */
  body: WebhookBody;
  /** `whsec_…` secrets (or bare base64); any of them may have signed. */
  secrets: readonly string[];
  now: Date | number;
  toleranceSeconds?: number;
}

export interface SignInput {
  id: string;
  /** Unix seconds, or a Date. */
  timestamp: number | Date;
  body: WebhookBody;
  secret: string;
}

// A type alias (not an interface) so it can be passed wherever a header record is expected.
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Why a configured secret cannot be used, or null when it can: the one decoding rule, shared by the
 * verifier (webhookSecretKey) and the configuration (shared/config: WEBHOOK_SECRETS is refused at start).
 * Standard base64 only (A–Z a–z 0–9 + /, padded to a multiple of 4): `-`/`_` (base64url) and unpadded
 * text are refused rather than silently decoded to another key.
 */
export function webhookSecretProblem(secret: string): string | null {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded.length === 0) return 'is empty after whsec_';
  if (!BASE64.test(encoded)) return 'is not whsec_<base64>: only A–Z a–z 0–9 + / and = padding (not base64url - _)';
  if (encoded.length % 4 !== 0) return 'is not whsec_<base64>: base64 must be padded with = to a multiple of 4 characters';
  return null;
}

/** The HMAC key of a `whsec_` secret. Throws on a secret that is not base64 — a configuration error. */
export function webhookSecretKey(secret: string): Buffer {
  const problem = webhookSecretProblem(secret);
  if (problem !== null) throw new Error(`webhook secret ${problem}`);
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Buffer.from(encoded, 'base64');
}

function toSeconds(t: number | Date): number {
  return t instanceof Date ? Math.floor(t.getTime() / 1000) : Math.floor(t);
}

function bodyBytes(body: WebhookBody): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function hmac(key: Buffer, id: string, timestamp: string, body: WebhookBody): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`, 'utf8').update(bodyBytes(body)).digest();
}

/** The `v1,<base64>` signature of one message with one secret. */
export function webhookSignature(input: SignInput): string {
  const timestamp = String(toSeconds(input.timestamp));
  return `v1,${hmac(webhookSecretKey(input.secret), input.id, timestamp, input.body).toString('base64')}`;
}

/** Headers for sending a signed webhook. */
export function signWebhook(input: SignInput): WebhookHeaders {
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(toSeconds(input.timestamp)),
    'webhook-signature': webhookSignature(input),
  };
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  for (const [key, value] of Object.entries(record)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
  }
  return undefined;
}

export function verifyWebhook(input: VerifyInput): VerifyResult {
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const id = header(input.headers, WEBHOOK_ID)?.trim();
  const timestampText = header(input.headers, WEBHOOK_TIMESTAMP)?.trim();
  const signatureText = header(input.headers, WEBHOOK_SIGNATURE)?.trim();
  if (!id) return { ok: false, status: 400, reason: `missing ${WEBHOOK_ID} header` };
  if (id.length > 256) return { ok: false, status: 400, reason: `${WEBHOOK_ID} header is too long` };
  if (!timestampText) return { ok: false, status: 400, reason: `missing ${WEBHOOK_TIMESTAMP} header` };
  if (!signatureText) return { ok: false, status: 400, reason: `missing ${WEBHOOK_SIGNATURE} header` };
  if (!/^\d{1,12}$/.test(timestampText)) {
    return { ok: false, status: 400, reason: `${WEBHOOK_TIMESTAMP} is not Unix seconds: ${JSON.stringify(timestampText.slice(0, 40))}` };
  }

  const timestamp = Number(timestampText);
  const now = toSeconds(input.now);
  if (timestamp < now - tolerance)
    return { ok: false, status: 401, reason: `${WEBHOOK_TIMESTAMP} is too old (more than ${tolerance} s ago)` };
  if (timestamp > now + tolerance)
    return { ok: false, status: 401, reason: `${WEBHOOK_TIMESTAMP} is too far in the future (more than ${tolerance} s ahead)` };

  // Candidate signatures: `v1,<base64>` entries; other versions (e.g. v1a asymmetric) are skipped.
  const candidates: Buffer[] = [];
  for (const part of signatureText.split(' ')) {
    const comma = part.indexOf(',');
    if (comma <= 0) continue;
    if (part.slice(0, comma) !== 'v1') continue;
    const encoded = part.slice(comma + 1);
    if (BASE64.test(encoded) && encoded.length > 0) candidates.push(Buffer.from(encoded, 'base64'));
  }
  if (candidates.length === 0) return { ok: false, status: 400, reason: `${WEBHOOK_SIGNATURE} holds no v1,<base64> signature` };

  const keys: Buffer[] = [];
  for (const secret of input.secrets) {
    try {
      keys.push(webhookSecretKey(secret));
    } catch {
      // A malformed configured secret cannot have signed anything; it is reported at configuration.
    }
  }
  if (keys.length === 0) return { ok: false, status: 401, reason: 'no webhook secret configured' };

  let matched = false;
  for (const key of keys) {
    const expected = hmac(key, id, timestampText, input.body);
    for (const candidate of candidates) {
      // Every pair is compared (no early exit) so timing does not say which secret or entry matched.
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
    }
  }
  return matched ? { ok: true, id, timestamp } : { ok: false, status: 401, reason: 'no signature matches a configured secret' };
}
