// Operators' views (admin only): messages the handlers rejected (shared/handlers/rejections.ts, in
// `operations`, partition rejected-messages) and the dead-letter sub-queues of the three queues, peeked.
//
// Cost: rejected messages — one single-partition query page of at most `limit` records; dead letters —
// one peek ($management round trip) per queue asked for (three at most), nothing received or locked.
// Neither depends on the number of partners.
import { type DeadLetteredMessage, type DeadLetterReader } from '../ports/deadLetters.js';
import { type QueueName, QUEUES } from '../ports/messageBus.js';
import { type RejectedMessageQueries } from '../ports/repositories.js';

/** Characters of a message body shown (JSON text); the rest is cut and `bodyTruncated` says so. */
export const BODY_EXCERPT_CHARS = 2000;

/** The queue each Service Bus function reads (functions/index.ts; a unit test keeps them equal). */
export const QUEUE_OF_FUNCTION: Readonly<Record<string, QueueName>> = {
  processPartnerChange: QUEUES.partnerChanges,
  recomputePartner: QUEUES.partnerRecompute,
  sendNotification: QUEUES.notifications,
};

export interface BodyExcerpt {
  /** The body as JSON text (a string body as it is), at most BODY_EXCERPT_CHARS characters. */
  bodyExcerpt: string;
  bodyTruncated: boolean;
}

export function bodyExcerpt(body: unknown, max = BODY_EXCERPT_CHARS): BodyExcerpt {
  let text: string;
  if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body) || body instanceof Uint8Array) text = Buffer.from(body).toString('utf8');
  else {
    try {
      text = JSON.stringify(body) ?? String(body);
    } catch {
      text = String(body);
    }
  }
  return text.length > max ? { bodyExcerpt: text.slice(0, max), bodyTruncated: true } : { bodyExcerpt: text, bodyTruncated: false };
}

export interface RejectedMessageView extends BodyExcerpt {
  id: string;
  functionName: string;
  /** The queue that function reads; null for a function not on a queue. */
  queue: QueueName | null;
  messageId: string;
  deliveryCount: number | null;
  reason: string;
  rejectedAt: string;
}

export interface RejectedMessages {
  /** Newest first, at most `limit`. */
  rejectedMessages: RejectedMessageView[];
}

interface RejectedRow {
  id?: string;
  functionName?: string;
  messageId?: string;
  deliveryCount?: number;
  reason?: string;
  body?: unknown;
  rejectedAt?: string;
}

export async function readRejectedMessages(rejected: RejectedMessageQueries, limit: number): Promise<RejectedMessages> {
  const rows = (await rejected.newest(limit)) as RejectedRow[];
  return {
    rejectedMessages: rows.slice(0, limit).map((r) => ({
      id: r.id ?? '',
      functionName: r.functionName ?? '',
      queue: (r.functionName && QUEUE_OF_FUNCTION[r.functionName]) || null,
      messageId: r.messageId ?? '',
      deliveryCount: typeof r.deliveryCount === 'number' ? r.deliveryCount : null,
      reason: r.reason ?? '',
      rejectedAt: r.rejectedAt ?? '',
      ...bodyExcerpt(r.body),
    })),
  };
}

/** A dead-lettered message as the operator sees it: the broker's fields, the body as an excerpt. */
export interface DeadLetterView extends BodyExcerpt, Omit<DeadLetteredMessage, 'body'> {}

export interface QueueDeadLetters {
  queue: QueueName;
  /** The first `limit` dead-lettered messages, oldest first (sequence order). */
  messages: DeadLetterView[];
  /** More than `limit` are dead-lettered. */
  more: boolean;
}

export interface DeadLetters {
  queues: QueueDeadLetters[];
}

export const DEAD_LETTER_QUEUES: readonly QueueName[] = [QUEUES.partnerChanges, QUEUES.partnerRecompute, QUEUES.notifications];

export async function readDeadLetters(
  reader: DeadLetterReader,
  options: { queue?: QueueName | undefined; limit: number },
): Promise<DeadLetters> {
  const queues = options.queue ? [options.queue] : DEAD_LETTER_QUEUES;
  return {
    queues: await Promise.all(
      queues.map(async (queue): Promise<QueueDeadLetters> => {
        const peeked = await reader.peek(queue, options.limit + 1); // one more: is there more?
        return {
          queue,
          messages: peeked.slice(0, options.limit).map(({ body, ...m }) => ({ ...m, ...bodyExcerpt(body) })),
          more: peeked.length > options.limit,
        };
      }),
    ),
  };
}
