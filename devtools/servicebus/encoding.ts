// AMQP encoding helpers for the Service Bus stand-in: everything that depends on rhea's untyped
// corners (outcome constructors, raw batch envelopes, typed arrays) lives here so the other modules
// stay readable and type-checked.
import type { Message, Typed } from 'rhea';
import rhea from 'rhea';

/** A decoded AMQP message as rhea represents it (header/properties fields flattened onto one object). */
export type AmqpMessage = Message;

const { message: amqpMessage, types } = rhea;

/** Message format of a batched transfer: the SDK's array and `createMessageBatch` sends use it. */
export const BATCH_MESSAGE_FORMAT = 0x80013700;

/** Well-known Service Bus message annotations. */
export const Annotation = {
  sequenceNumber: 'x-opt-sequence-number',
  enqueuedTime: 'x-opt-enqueued-time',
  lockedUntil: 'x-opt-locked-until',
  scheduledEnqueueTime: 'x-opt-scheduled-enqueue-time',
  messageState: 'x-opt-message-state',
} as const;

// rhea creates outcome composites at runtime (message.accepted() …) but its typings omit them.
interface Described {
  described(): Typed;
}
interface OutcomeFactory {
  accepted(): Described;
  released(): Described;
  rejected(fields?: { error?: { condition: string; description?: string } }): Described;
  modified(fields?: { delivery_failed?: boolean; undeliverable_here?: boolean }): Described;
}
const outcome = amqpMessage as unknown as OutcomeFactory;

/** Disposition states the server writes when it settles a delivery. */
export const Outcome = {
  accepted: (): Typed => outcome.accepted().described(),
  released: (): Typed => outcome.released().described(),
  /** Echo of a dead-letter: the SDK treats any error on the echoed outcome as a failure. */
  rejected: (): Typed => outcome.rejected({}).described(),
  modified: (deliveryFailed: boolean, undeliverableHere: boolean): Typed =>
    outcome.modified({ delivery_failed: deliveryFailed, undeliverable_here: undeliverableHere }).described(),
  /** Settlement refused (lock expired or unknown token): the SDK maps the condition to MessageLockLost. */
  error: (condition: string, description: string): Typed => outcome.rejected({ error: { condition, description } }).described(),
};

export const LOCK_LOST = 'com.microsoft:message-lock-lost';

/**
 * Decodes what arrived on a sending client's link into individual messages. rhea decodes format-0
 * transfers itself; a batched transfer (format 0x80013700) arrives as raw bytes: an envelope whose
 * data sections each hold one fully encoded message.
 */
export function decodeIncoming(payload: unknown, format: number | undefined): AmqpMessage[] {
  if (format === undefined || format === 0) return [payload as AmqpMessage];
  if (format !== BATCH_MESSAGE_FORMAT || !Buffer.isBuffer(payload)) {
    throw new Error(`unsupported message format 0x${(format >>> 0).toString(16)}`);
  }
  const envelope = decodeMessage(payload);
  const body = envelope.body as { typecode?: number; content?: unknown; multiple?: boolean } | undefined;
  if (!body || body.typecode !== 0x75) return [];
  const sections = body.multiple ? (body.content as Buffer[]) : [body.content as Buffer];
  return sections.map(decodeMessage);
}

export function decodeMessage(bytes: Buffer): AmqpMessage {
  return amqpMessage.decode(bytes) as unknown as AmqpMessage;
}

export interface DeliveryAnnotations {
  sequenceNumber: number;
  enqueuedAt: number;
  deliveryCount: number;
  lockedUntil?: number;
  /** x-opt-message-state: 2 marks a scheduled message in a peek. */
  scheduled?: boolean;
}

/** Encodes a stored message for a transfer or a peek, stamping the broker-owned annotations. */
export function encodeForDelivery(msg: AmqpMessage, extra: DeliveryAnnotations): Buffer {
  const annotations: Record<string, unknown> = { ...(msg.message_annotations as Record<string, unknown> | undefined) };
  annotations[Annotation.sequenceNumber] = types.wrap_long(extra.sequenceNumber);
  annotations[Annotation.enqueuedTime] = types.wrap_timestamp(extra.enqueuedAt);
  if (extra.lockedUntil !== undefined) annotations[Annotation.lockedUntil] = types.wrap_timestamp(extra.lockedUntil);
  else delete annotations[Annotation.lockedUntil];
  if (extra.scheduled) annotations[Annotation.messageState] = types.wrap_int(2);
  // Spread keeps the body Section instance (and its prototype), which rhea re-encodes faithfully.
  return amqpMessage.encode({ ...msg, delivery_count: extra.deliveryCount, message_annotations: annotations });
}

/** Reads a Date/number/timestamp-ish annotation value as epoch milliseconds. */
export function toEpochMs(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

/** A stable key for duplicate detection: message ids may be strings, numbers or binary (uuid). */
export function messageIdKey(id: unknown): string | undefined {
  if (id === undefined || id === null) return undefined;
  if (Buffer.isBuffer(id)) return `b:${id.toString('hex')}`;
  return `${typeof id}:${String(id)}`;
}

// --- lock tokens ----------------------------------------------------------------------------
// The lock token travels two ways: as the 16-byte delivery tag (in .NET GUID byte order — the SDK
// reorders it back before printing it) and as a uuid in `$management` requests (RFC byte order,
// from string_to_uuid). The canonical form used as map key here is the lowercase uuid string.

/** Swaps the first three GUID groups between RFC and .NET byte order (its own inverse). */
function reorderGuid(bytes: Buffer): Buffer {
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  return Buffer.from(order.map((i) => bytes[i] ?? 0));
}

export function newLockToken(): string {
  return rhea.generate_uuid();
}

/** The delivery tag that makes the SDK report `lockToken === token`. */
export function lockTokenToTag(token: string): Buffer {
  return reorderGuid(rhea.string_to_uuid(token));
}

/** A lock token as sent in a `$management` body (uuid, RFC byte order) → canonical string. */
export function lockTokenFromUuid(value: unknown): string | undefined {
  if (Buffer.isBuffer(value) && value.length === 16) return rhea.uuid_to_string(value).toLowerCase();
  if (typeof value === 'string') return value.toLowerCase();
  return undefined;
}

// --- management bodies ----------------------------------------------------------------------

/** Reads a long that rhea may have decoded as a number (safe range) or as an 8-byte Buffer. */
export function readLong(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (Buffer.isBuffer(value) && value.length === 8) return Number(value.readBigInt64BE(0));
  return undefined;
}

export function longArray(values: number[]): Typed {
  return types.wrap_array(values, 0x81, undefined);
}

export function timestampArray(values: number[]): Typed {
  return types.wrap_array(values, 0x83, undefined);
}

/** Unwraps a value that may still be a rhea Typed (e.g. a nested map inside an error's info). */
export function unwrapValue(value: unknown): unknown {
  return types.unwrap(value, false) as unknown;
}

// --- request/response replies ($cbs and $management) ----------------------------------------

export interface ReplyStatus {
  code: number;
  description: string;
  /** AMQP error condition; the SDK maps it to a ServiceBusError code (e.g. MessageLockLost). */
  condition?: string;
}

/** A response on a request/response link: correlated by the request's message_id, status in properties. */
export function buildReply(request: AmqpMessage, status: ReplyStatus, body?: Record<string, unknown>): AmqpMessage {
  // CBS replies use kebab-case keys, management replies camelCase (the SDK's peek reads
  // `statusCode` directly); core-amqp accepts either, so both are sent.
  // The status is an AMQP int (signed): the .NET client casts it to Int32, and rhea would write a
  // plain JS number as uint.
  const code = rhea.types.wrap_int(status.code);
  const applicationProperties: Record<string, unknown> = {
    'status-code': code,
    'status-description': status.description,
    statusCode: code,
    statusDescription: status.description,
  };
  if (status.condition) {
    // A symbol, as Service Bus sends it (the .NET client casts it to AmqpSymbol).
    const condition = rhea.types.wrap_symbol(status.condition);
    applicationProperties['error-condition'] = condition;
    applicationProperties.errorCondition = condition;
  }
  const reply: Record<string, unknown> = {
    correlation_id: request.message_id,
    application_properties: applicationProperties,
    body: body ?? null,
  };
  if (typeof request.reply_to === 'string') reply.to = request.reply_to;
  return reply as unknown as AmqpMessage;
}
