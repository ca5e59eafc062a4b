// Every log line of a change carries who and what it is about: `partnerId=… messageId=… invocationId=…`
// ahead of the message, so Application Insights (through the Functions host, which forwards context.log as
// traces) can be searched by any of the three. The Service Bus handlers wrap their InvocationContext once;
// the pipeline and sendOnce log through it unchanged.
//
// Lines never carry a contact address or a secret: whatever slips into a message (an SMTP error quoting a
// recipient, a key in an error text) is redacted here too (shared/log/redact.ts), to a short hash that still tells lines apart.
import type { InvocationContext } from '@azure/functions';

import { redact } from '../log/redact.js';

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
