// Every log line of a change carries who and what it is about: `partnerId=… messageId=… invocationId=…`
// ahead of the message, so Application Insights (through the Functions host, which forwards context.log as
// traces) can be searched by any of the three. The Service Bus handlers wrap their InvocationContext once;
// the pipeline and sendOnce log through it unchanged.
//
// Lines never carry a contact address or a secret: whatever slips into a message (an SMTP error quoting a
// recipient, a key in an error text) is redacted here too, to a short hash that still tells lines apart.
import { createHash } from 'node:crypto';

import type { InvocationContext } from '@azure/functions';

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

export interface LogFields {
  partnerId?: string | undefined;
  messageId?: string | undefined;
  invocationId?: string | undefined;
}

/** The fields of an invocation: Service Bus messageId from triggerMetadata, the host's invocationId. */
export function fieldsOf(context: InvocationContext, partnerId?: string): LogFields {
  const messageId = context.triggerMetadata?.messageId;
  return {
    partnerId,
    messageId: typeof messageId === 'string' || typeof messageId === 'number' ? String(messageId) : undefined,
    invocationId: context.invocationId,
  };
}

/** `partnerId=p1 messageId=m1 invocationId=i1` (absent fields left out). */
export function logPrefix(fields: LogFields): string {
  return (['partnerId', 'messageId', 'invocationId'] as const)
    .filter((k) => fields[k] !== undefined && fields[k] !== '')
    .map((k) => `${k}=${fields[k]}`)
    .join(' ');
}

/** The partner a message body names, if it names one (before validation: the id is only a log field). */
export function partnerIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const p = (body as { partnerId?: unknown }).partnerId;
  return typeof p === 'string' && p.length <= 200 ? p : undefined;
}

const LEVELS = ['log', 'trace', 'debug', 'info', 'warn', 'error'] as const;

/**
 * `context` with every log method prefixed by the invocation's fields and redacted; everything else
 * (invocationId, functionName, triggerMetadata, …) read through from the original. Pass it where the
 * context or a Logger goes.
 */
export function withLogContext(context: InvocationContext, partnerId?: string): InvocationContext {
  const prefix = logPrefix(fieldsOf(context, partnerId));
  const wrapped = Object.create(context) as InvocationContext;
  for (const level of LEVELS) {
    const method = (context as Partial<InvocationContext>)[level];
    if (typeof method !== 'function') continue; // a partial context (tests): keep what it has
    const write = method.bind(context);
    Object.defineProperty(wrapped, level, {
      value: (...args: unknown[]) => {
        const text = args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : safeString(a))).join(' ');
        write(redact(prefix ? `${prefix} ${text}` : text));
      },
    });
  }
  return wrapped;
}

function safeString(v: unknown): string {
  try {
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
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
