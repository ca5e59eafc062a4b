// `pcs replay MESSAGE_ID|--all [--queue NAME]`: gives failed messages another go.
//   - Dead-lettered messages (partner-changes, partner-recompute, notifications, or the one --queue names):
//     received from the dead-letter sub-queue in peek-lock, a copy (same body, content type, subject,
//     correlation id and application properties, plus `replayOf` = the original message id) sent to the
//     queue, then the dead-lettered one completed. Messages not asked for are abandoned (left where they are).
//   - Rejected messages (shared/handlers/rejections.ts: completed, recorded in Cosmos `operations`, partition
//     rejected-messages): the recorded body re-submitted to the queue of the function that refused it, and the
//     record marked replayed (replayedAt, replayMessageId). --all skips records already replayed.
// The copy's message id is `<original>:replay-<n>`: the queues detect duplicates by message id (10 minutes),
// so a copy under the very same id could be dropped by the broker.
// One line per message on stderr; on stdout nothing but the JSON summary. Settings as `pcs facts` / `pcs keys`:
// the environment with local defaults (LOCAL_COSMOS_PORT, LOCAL_SERVICEBUS_PORT honoured).
import type { ServiceBusClient, ServiceBusMessage, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';

import { createCosmosClient } from '../../adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../adapters/cosmos/repositories/index.js';
import { createCosmosStore } from '../../adapters/cosmos/store.js';
import { createServiceBusClient } from '../../adapters/servicebus/bus.js';
import { QUEUE_OF_FUNCTION } from '../../api/operations.js';
import { type Config, ConfigError, loadConfig } from '../../config/config.js';
import type { RejectedMessage } from '../../handlers/rejections.js';
import { type DocumentCollection } from '../../ports/documentStore.js';
import { type QueueName, QUEUES } from '../../ports/messageBus.js';
import { type RejectedMessageQueries } from '../../ports/repositories.js';
import { type CliIo, type Command, EXIT_OK, EXIT_USAGE } from '../io.js';
import { withLocalCosmosPort } from './facts.js';

const USAGE = [
  'usage: pcs replay MESSAGE_ID [--queue NAME]   replays that message (dead-lettered or rejected)',
  '       pcs replay --all [--queue NAME]        replays every dead-lettered and not yet replayed rejected message',
  `       NAME: ${Object.values(QUEUES).join(', ')}`,
].join('\n');
const DEFAULT_TIMEOUT_MS = 60_000;
/** At most this many dead-lettered messages are looked at per queue and run. */
const MAX_DEAD_LETTERS = 1000;
const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

export interface ReplayCommandOptions {
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  now?: () => Date;
  /** How long one receive waits for the dead-letter sub-queue (default 1 s). */
  receiveWaitMs?: number;
  /** The broker's name of each queue (tests: queues of their own); default the queue's own name. */
  queueNames?: Partial<Record<QueueName, string>>;
}

export interface ReplayedMessage {
  source: 'deadLetter' | 'rejected';
  queue: QueueName;
  messageId: string;
  replayMessageId: string;
  reason: string | null;
}

export interface ReplaySummary {
  replayed: ReplayedMessage[];
  /** Rejected records skipped (already replayed, or their function reads no queue). */
  skipped: Array<{ messageId: string; why: string }>;
  /** The MESSAGE_ID asked for, when found nowhere. */
  notFound: string[];
}

type Parsed = { target: { all: true } | { messageId: string }; queue: QueueName | undefined } | { error: string };

function parse(args: string[]): Parsed {
  let all = false;
  let messageId: string | undefined;
  let queue: QueueName | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--all') all = true;
    else if (arg === '--queue' || arg.startsWith('--queue=')) {
      const value = (arg === '--queue' ? args[++i] : arg.slice('--queue='.length))?.trim();
      if (!value || !QUEUE_NAMES.includes(value as QueueName)) return { error: `--queue needs one of ${QUEUE_NAMES.join(', ')}` };
      queue = value as QueueName;
    } else if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
    else if (messageId === undefined && arg.trim() !== '') messageId = arg.trim();
    else return { error: `unexpected argument ${arg}` };
  }
  if (all && messageId !== undefined) return { error: 'give MESSAGE_ID or --all, not both' };
  if (!all && messageId === undefined) return { error: 'missing MESSAGE_ID (or --all)' };
  return { target: all ? { all: true } : { messageId: messageId! }, queue };
}

/** The local stack's Service Bus stand-in listens on LOCAL_SERVICEBUS_PORT: with no connection set, that is where. */
export function withLocalServiceBusPort(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const port = env.LOCAL_SERVICEBUS_PORT?.trim();
  if ((env.ServiceBusConnection ?? '').trim() !== '' || (env.ServiceBusConnection__fullyQualifiedNamespace ?? '').trim() !== '') return env;
  if (!port || !/^\d+$/.test(port) || port === '0') return env;
  const host = env.LOCAL_BIND_HOST?.trim() || '127.0.0.1';
  return {
    ...env,
    ServiceBusConnection: `Endpoint=sb://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true`,
  };
}

/** The copy of `original` sent to the queue. */
export function replayCopy(
  original: Pick<ServiceBusReceivedMessage, 'body' | 'contentType' | 'subject' | 'correlationId' | 'applicationProperties' | 'messageId'>,
  replayMessageId: string,
): ServiceBusMessage {
  const originalId = String(original.messageId ?? '');
  // The broker's dead-letter stamps (reason, description) are not the message's own.
  const { DeadLetterReason: _reason, DeadLetterErrorDescription: _description, ...properties } = original.applicationProperties ?? {};
  return {
    body: original.body,
    messageId: replayMessageId,
    ...(original.contentType ? { contentType: original.contentType } : {}),
    ...(original.subject ? { subject: original.subject } : {}),
    ...(original.correlationId !== undefined ? { correlationId: original.correlationId } : {}),
    applicationProperties: { ...properties, replayOf: originalId },
  };
}

/** `<id>:replay-<n>` with n one more than a replayed id's, within Service Bus's 128 characters. */
export function replayIdOf(messageId: string): string {
  const m = /^(.*):replay-(\d+)$/.exec(messageId);
  const base = m ? m[1]! : messageId;
  const suffix = `:replay-${m ? Number(m[2]) + 1 : 1}`;
  return base.slice(0, 128 - suffix.length) + suffix;
}

const errorCode = (err: unknown) => (err as { code?: unknown } | null)?.code;

export function createReplayCommand(options: ReplayCommandOptions = {}): Command {
  async function run(args: string[], io: CliIo): Promise<number> {
    const parsed = parse(args);
    if ('error' in parsed) {
      io.stderr(`pcs replay: ${parsed.error}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    let config: Config;
    try {
      config = loadConfig(withLocalServiceBusPort(withLocalCosmosPort(options.env ?? process.env)));
    } catch (err) {
      if (err instanceof ConfigError) {
        io.stderr(`pcs replay: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
    const now = options.now ?? (() => new Date());
    const queues = parsed.queue ? [parsed.queue] : QUEUE_NAMES;
    const brokerName = (queue: QueueName) => options.queueNames?.[queue] ?? queue;
    const target = parsed.target;
    const wanted = (id: string) => 'all' in target || target.messageId === id;
    const summary: ReplaySummary = { replayed: [], skipped: [], notFound: [] };
    const cosmos = createCosmosClient(config);
    const bus: ServiceBusClient = createServiceBusClient(config.connections.serviceBus);
    let timer: NodeJS.Timeout | undefined;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      await Promise.race([act(), timeout]);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      io.stderr(
        `pcs replay: stopped: ${why}\n(is the local stack running? npm start, or set ServiceBusConnection / COSMOS_ENDPOINT / COSMOS_KEY)\n`,
      );
      io.stdout(`${JSON.stringify({ ...summary, error: why })}\n`);
      return EXIT_USAGE;
    } finally {
      clearTimeout(timer);
      cosmos.dispose();
      await bus.close().catch(() => {});
    }
    if ('messageId' in target && summary.replayed.length === 0) {
      summary.notFound.push(target.messageId);
      io.stderr(`pcs replay: ${target.messageId}: not dead-lettered on ${queues.join(', ')} nor recorded as rejected\n`);
    }
    io.stdout(`${JSON.stringify(summary)}\n`);
    return summary.notFound.length > 0 ? EXIT_USAGE : EXIT_OK;

    async function act(): Promise<void> {
      for (const queue of queues) await replayDeadLetters(queue);
      const store = createCosmosStore(cosmos.database(config.COSMOS_DATABASE));
      await replayRejected(store.collection('operations'), createCosmosRepositories(store).rejectedMessages);
    }

    async function replayDeadLetters(queue: QueueName): Promise<void> {
      const receiver: ServiceBusReceiver = bus.createReceiver(brokerName(queue), { subQueueType: 'deadLetter', receiveMode: 'peekLock' });
      const sender = bus.createSender(brokerName(queue));
      // Locks held on the messages not asked for until the end, so a receive does not get them again.
      const held: ServiceBusReceivedMessage[] = [];
      try {
        let seen = 0;
        while (seen < MAX_DEAD_LETTERS) {
          const batch = await receiver.receiveMessages(Math.min(50, MAX_DEAD_LETTERS - seen), {
            maxWaitTimeInMs: options.receiveWaitMs ?? 1000,
          });
          if (batch.length === 0) break;
          seen += batch.length;
          for (const message of batch) {
            const id = String(message.messageId ?? '');
            if (!wanted(id)) {
              held.push(message);
              continue;
            }
            const replayMessageId = replayIdOf(id);
            await sender.sendMessages(replayCopy(message, replayMessageId));
            await receiver.completeMessage(message);
            const reason = [message.deadLetterReason, message.deadLetterErrorDescription].filter(Boolean).join(': ') || null;
            summary.replayed.push({ source: 'deadLetter', queue, messageId: id, replayMessageId, reason });
            io.stderr(`replayed dead-lettered ${id} on ${queue} as ${replayMessageId}${reason ? ` (was: ${reason})` : ''}\n`);
          }
          if ('messageId' in target && summary.replayed.length > 0) break;
        }
      } finally {
        for (const m of held) await receiver.abandonMessage(m).catch(() => {});
        await sender.close().catch(() => {});
        await receiver.close().catch(() => {});
      }
    }

    async function replayRejected(ops: DocumentCollection, rejected: RejectedMessageQueries): Promise<void> {
      const records: RejectedMessage[] = [];
      try {
        for await (const r of rejected.oldestFirst() as AsyncIterable<RejectedMessage>) if (wanted(r.messageId)) records.push(r);
      } catch (err) {
        if (errorCode(err) === 404) return; // no database or container yet: nothing was ever rejected
        throw err;
      }
      for (const record of records) {
        const queue = QUEUE_OF_FUNCTION[record.functionName];
        if (!queue || !queues.includes(queue)) {
          if (!queue) {
            summary.skipped.push({ messageId: record.messageId, why: `${record.functionName} reads no queue` });
            io.stderr(`skipped rejected ${record.messageId}: ${record.functionName} reads no queue\n`);
          }
          continue;
        }
        if ('all' in target && typeof record.replayedAt === 'string') {
          summary.skipped.push({ messageId: record.messageId, why: `already replayed at ${record.replayedAt}` });
          io.stderr(
            `skipped rejected ${record.messageId}: already replayed at ${record.replayedAt} (pcs replay ${record.messageId} replays it again)\n`,
          );
          continue;
        }
        const replayMessageId = replayIdOf(typeof record.replayMessageId === 'string' ? record.replayMessageId : record.messageId);
        const sender = bus.createSender(brokerName(queue));
        try {
          await sender.sendMessages({
            body: record.body,
            messageId: replayMessageId,
            contentType: 'application/json',
            applicationProperties: { replayOf: record.messageId },
          });
        } finally {
          await sender.close().catch(() => {});
        }
        await ops.upsert({ ...record, replayedAt: now().toISOString(), replayMessageId });
        summary.replayed.push({ source: 'rejected', queue, messageId: record.messageId, replayMessageId, reason: record.reason });
        io.stderr(`replayed rejected ${record.messageId} on ${queue} as ${replayMessageId} (was: ${record.reason})\n`);
      }
    }
  }
  return { summary: 'move dead-lettered messages back to their queue and re-submit rejected ones', usage: USAGE, run };
}

export const command: Command = createReplayCommand();
