import { createHash } from 'node:crypto';

/** RFC 5322 Message-ID derived from the idempotency key, so a resend carries the same id. */
export function messageIdFor(idempotencyKey: string, domain = 'designation-tracker'): string {
  const local = idempotencyKey.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 120);
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 12);
  return `<${local}.${hash}@${domain}>`;
}

/** A UUID-shaped id derived from the key (ACS operation ids are UUIDs). */
export function uuidFor(idempotencyKey: string): string {
  const h = createHash('sha256').update(idempotencyKey).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
