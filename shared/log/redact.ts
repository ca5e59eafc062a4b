// What goes to the log never carries a contact address or a secret: each is replaced by a short hash
// that still tells lines apart. Used by the handlers' log context (shared/handlers/log-context.ts) and by
// sendOnce for the errors it records.
import { createHash } from 'node:crypto';

// A dotted domain: the app's own Message-IDs (<key.hash@designation-tracker>) are not addresses and stay.
const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
// Webhook secrets (whsec_…) and the app's API keys (dt_…).
const SECRET = /\b(?:whsec|dt)_[A-Za-z0-9+/=_-]{6,}/g;

/** A short, stable stand-in for an address or secret (the same value always gives the same tag). */
export function redactionTag(value: string): string {
  return createHash('sha256').update(value.toLowerCase()).digest('hex').slice(0, 8);
}

/** `text` with every email address and whsec_/dt_ key replaced by a hash tag. */
export function redact(text: string): string {
  return text.replace(SECRET, (s) => `<secret #${redactionTag(s)}>`).replace(EMAIL, (a) => `<address #${redactionTag(a)}>`);
}

/** What the log says about a list of contacts: how many, never who. */
export function describeContacts(contacts: readonly string[]): string {
  return `${contacts.length} contact(s) [${contacts.map((c) => '#' + redactionTag(c)).join(', ')}]`;
}

/** `err` with its message (and stack) redacted in place, class kept: for errors that leave a handler and get logged by the host. */
export function redactError(err: unknown): unknown {
  if (err instanceof Error) {
    const message = redact(err.message);
    if (message !== err.message) {
      err.message = message;
      if (err.stack) err.stack = redact(err.stack);
    }
  }
  return err;
}
