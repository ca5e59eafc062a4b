// The `<entity>/$management` request/response node. Request and response shapes follow what
// @azure/service-bus 7.9.5 sends and reads (src/core/managementClient.ts): a map body with
// kebab-case keys, `operation` in the application properties, and the result status in the
// response's `status-code` / `status-description` / `error-condition` application properties.
import {
  type AmqpMessage,
  Annotation,
  buildReply,
  decodeMessage,
  encodeForDelivery,
  LOCK_LOST,
  lockTokenFromUuid,
  longArray,
  readLong,
  type ReplyStatus,
  timestampArray,
  toEpochMs,
} from './encoding.js';
import type { Queue, Settlement } from './queue.js';

const OK: ReplyStatus = { code: 200, description: 'OK' };
const LOCK_LOST_STATUS: ReplyStatus = {
  code: 410,
  description: 'The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.',
  condition: LOCK_LOST,
};

type Body = Record<string, unknown>;
type Handler = (queue: Queue, body: Body, now: number) => { status: ReplyStatus; body?: Body };

const handlers: Record<string, Handler> = {
  'com.microsoft:renew-lock': renewLock,
  'com.microsoft:peek-message': peekMessage,
  'com.microsoft:schedule-message': scheduleMessage,
  'com.microsoft:cancel-scheduled-message': cancelScheduledMessage,
  'com.microsoft:update-disposition': updateDisposition,
};

export function handleManagementRequest(queue: Queue, request: AmqpMessage, now = Date.now()): AmqpMessage {
  const operation = String((request.application_properties as Body | undefined)?.operation);
  const handler = handlers[operation];
  if (!handler) {
    return buildReply(request, {
      code: 501,
      description: `The Service Bus stand-in does not implement the management operation '${operation}'.`,
      condition: 'amqp:not-implemented',
    });
  }
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Body;
  try {
    const result = handler(queue, body, now);
    return buildReply(request, result.status, result.body);
  } catch (err) {
    return buildReply(request, { code: 400, description: (err as Error).message, condition: 'amqp:invalid-field' });
  }
}

function lockTokens(body: Body): string[] {
  const raw = body['lock-tokens'];
  const list = Array.isArray(raw) ? raw : [raw];
  const tokens = list.map(lockTokenFromUuid).filter((t): t is string => t !== undefined);
  if (tokens.length === 0) throw new Error("'lock-tokens' is missing or holds no uuid");
  return tokens;
}

/** Extends each lock; any lost lock fails the request (the SDK renews one token at a time). */
function renewLock(queue: Queue, body: Body, now: number): { status: ReplyStatus; body?: Body } {
  const expirations: number[] = [];
  for (const token of lockTokens(body)) {
    const until = queue.renewLock(token, now);
    if (until === undefined) return { status: LOCK_LOST_STATUS };
    expirations.push(until);
  }
  return { status: OK, body: { expirations: timestampArray(expirations) } };
}

function peekMessage(queue: Queue, body: Body): { status: ReplyStatus; body?: Body } {
  const from = readLong(body['from-sequence-number']) ?? 1;
  const count = Number(body['message-count'] ?? 1);
  const peeked = queue.peek(from, count);
  // 204 is how Service Bus says "nothing to peek"; the SDK returns an empty list for it.
  if (peeked.length === 0) return { status: { code: 204, description: 'No Content' } };
  const messages = peeked.map((p) => ({
    message: encodeForDelivery(p.message.amqp, {
      sequenceNumber: p.message.sequenceNumber,
      enqueuedAt: p.message.enqueuedAt,
      deliveryCount: p.message.deliveryCount,
      lockedUntil: p.lockedUntil,
      scheduled: p.scheduled,
    }),
  }));
  return { status: OK, body: { messages } };
}

function scheduleMessage(queue: Queue, body: Body, now: number): { status: ReplyStatus; body?: Body } {
  const entries = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const sequenceNumbers: number[] = [];
  for (const entry of entries) {
    const bytes = (entry as Body | null)?.message;
    if (!Buffer.isBuffer(bytes)) throw new Error("each scheduled entry needs an encoded 'message'");
    const amqp = decodeMessage(bytes);
    const at = toEpochMs((amqp.message_annotations as Body | undefined)?.[Annotation.scheduledEnqueueTime]) ?? now;
    sequenceNumbers.push(queue.schedule(amqp, at, now));
  }
  return { status: OK, body: { 'sequence-numbers': longArray(sequenceNumbers) } };
}

function cancelScheduledMessage(queue: Queue, body: Body): { status: ReplyStatus; body?: Body } {
  const raw = body['sequence-numbers'];
  const list = (Array.isArray(raw) ? raw : [raw]).map(readLong).filter((n): n is number => n !== undefined);
  queue.cancelScheduled(list);
  return { status: OK, body: {} };
}

/**
 * Settlement by lock token. The SDK uses it when the receiving link is gone (closed, or after a
 * drain timeout) and for deferred messages; dispositions map to complete / abandon / dead-letter.
 */
function updateDisposition(queue: Queue, body: Body, now: number): { status: ReplyStatus; body?: Body } {
  const status = body['disposition-status'];
  const propertiesToModify = toPlain(body['properties-to-modify']);
  let settlement: Settlement;
  switch (status) {
    case 'completed':
      settlement = { kind: 'complete' };
      break;
    case 'abandoned':
      settlement = { kind: 'abandon', propertiesToModify };
      break;
    case 'suspended':
      settlement = {
        kind: 'deadLetter',
        reason: optionalString(body['deadletter-reason']),
        description: optionalString(body['deadletter-description']),
        propertiesToModify,
      };
      break;
    default:
      return {
        status: {
          code: 501,
          description: `The Service Bus stand-in does not support the disposition '${String(status)}'.`,
          condition: 'amqp:not-implemented',
        },
      };
  }
  let lost = false;
  for (const token of lockTokens(body)) if (!queue.settle(token, settlement, now)) lost = true;
  return lost ? { status: LOCK_LOST_STATUS } : { status: OK, body: {} };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function toPlain(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
