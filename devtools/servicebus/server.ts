// Service Bus stand-in: an AMQP 1.0 server (rhea) that the unmodified @azure/service-bus SDK talks
// to with `UseDevelopmentEmulator=true`. It is a dev/test double, not a broker: queues only, state in
// memory, or journalled to a data directory when `dataDir` is set (persistence.ts). What the SDK requires of a server is written up in ../shared/notes/local-stack.md §4 and
// in README.md next to this file.
//
// Routing by link address (registry.ts):
//   $cbs                                → put-token, always accepted     (cbs.ts)
//   <entity>/$management                → request/response operations     (management.ts)
//   <queue> | <queue>/$DeadLetterQueue  → send / receive                  (queue.ts, consumer.ts)
import type { AddressInfo, Server, Socket } from 'node:net';

import type { Connection, EventContext, Receiver, Sender } from 'rhea';
import rhea from 'rhea';

import { CBS_ADDRESS, handleCbsRequest } from './cbs.js';
import { LinkConsumer } from './consumer.js';
import { type AmqpMessage, buildReply, decodeIncoming } from './encoding.js';
import { handleManagementRequest } from './management.js';
import { persistServiceBus, type ServiceBusPersistence } from './persistence.js';
import { parseAddress, QueueRegistry } from './registry.js';

export interface ServiceBusStandInOptions {
  port?: number; // 0 or undefined → a free port
  host?: string; // default 127.0.0.1
  queues?: Array<string | { name: string; maxDeliveryCount?: number; lockDurationMs?: number; duplicateDetectionWindowMs?: number }>;
  autoCreateQueues?: boolean; // default true: unknown entity names are created on first use with defaults
  log?: (line: string) => void;
  /**
   * Keep queues, scheduled and dead-lettered messages and the dedupe history in this directory
   * (persistence.ts): they survive a restart or kill -9. Unset: in memory only.
   */
  dataDir?: string;
}

export interface ServiceBusStandIn {
  port: number;
  connectionString: string;
  close(): Promise<void>;
  // introspection for tests and the local host's health endpoint:
  stats(queue: string): { active: number; scheduled: number; locked: number; deadLettered: number };
  /** What a persistent stand-in loaded from its data directory at start. */
  loaded?: { messages: number; queues: number };
}

/** Advertised on every receiving link; the SDK sizes message batches from it (Azure Premium's 1 MiB). */
const MAX_MESSAGE_SIZE = 1024 * 1024;
/** Granularity of lock expiry and scheduled delivery. */
const TICK_MS = 25;
/** How long close() lets clients answer the AMQP close before cutting their sockets. */
const CLOSE_GRACE_MS = 250;
export async function startServiceBusStandIn(opts: ServiceBusStandInOptions = {}): Promise<ServiceBusStandIn> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const queues = new QueueRegistry(opts.autoCreateQueues ?? true, log);
  for (const q of opts.queues ?? []) {
    if (typeof q === 'string') queues.define(q, {});
    else queues.define(q.name, q);
  }
  const persistence: ServiceBusPersistence | undefined = opts.dataDir ? persistServiceBus(opts.dataDir, queues, log) : undefined;
  // Acknowledge (accept a send, echo a settlement, answer $management) only once it is on disk.
  const afterDurable = (fn: () => void, onError: (err: Error) => void): void =>
    persistence ? persistence.afterDurable(fn, onError) : fn();

  const container = rhea.create_container({ id: 'servicebus-stand-in' });
  container.sasl_server_mechanisms.enable_anonymous();
  // The SDK authenticates with SAS over CBS; any PLAIN credentials are fine here.
  container.sasl_server_mechanisms.enable_plain(() => true);
  // The .NET client (Azure.Messaging.ServiceBus, what the real Functions host uses) asks for MSSBCBS: a
  // SASL exchange with no credentials, the token following over CBS — ANONYMOUS under another name.
  const mechanisms = container.sasl_server_mechanisms as unknown as Record<string, unknown>;
  mechanisms.MSSBCBS = mechanisms.ANONYMOUS;

  const connections = new Set<Connection>();
  const consumersByConnection = new Map<Connection, Set<LinkConsumer>>();
  const dropConnection = (connection: Connection): void => {
    connections.delete(connection);
    for (const consumer of consumersByConnection.get(connection) ?? []) consumer.detach();
    consumersByConnection.delete(connection);
  };

  container.on('connection_open', (ctx: EventContext) => connections.add(ctx.connection));
  container.on('connection_close', (ctx: EventContext) => dropConnection(ctx.connection));
  container.on('disconnected', (ctx: EventContext) => dropConnection(ctx.connection));
  container.on('connection_error', (ctx: EventContext) => log(`connection error: ${String(ctx.connection.error)}`));
  container.on('error', (err: unknown) => log(`amqp error: ${String(err)}`));

  // A client receiver attached: we are its sender.
  container.on('sender_open', (ctx: EventContext) => {
    const sender = ctx.sender;
    if (!sender) return;
    const address = addressOf(sender.source);
    mirrorAttach(sender);
    const route = parseAddress(address);
    if (route.kind !== 'entity') return; // reply link of a $cbs / $management request-response pair
    if (hasSessionFilter(sender.source)) {
      sender.close({ condition: 'amqp:not-implemented', description: 'The Service Bus stand-in does not support sessions.' });
      return;
    }
    const queue = queues.resolve(route.entity);
    if (!queue) {
      sender.close({ condition: 'amqp:not-found', description: `The messaging entity '${route.entity}' could not be found.` });
      return;
    }
    const consumer = new LinkConsumer(sender, queue, log, afterDurable);
    let set = consumersByConnection.get(ctx.connection);
    if (!set) consumersByConnection.set(ctx.connection, (set = new Set()));
    set.add(consumer);
    queue.addConsumer(consumer);
    log(`receiver attached to ${queue.name} (${consumer.receiveAndDelete ? 'receiveAndDelete' : 'peekLock'})`);
  });

  // A client sender attached: we are its receiver.
  container.on('receiver_open', (ctx: EventContext) => {
    const receiver = ctx.receiver;
    if (!receiver) return;
    mirrorAttach(receiver);
    const route = parseAddress(addressOf(receiver.target));
    if (route.kind === 'entity' && !queues.resolve(route.entity)) {
      receiver.close({ condition: 'amqp:not-found', description: `The messaging entity '${route.entity}' could not be found.` });
    }
  });

  container.on('message', (ctx: EventContext) => {
    const receiver = ctx.receiver;
    const delivery = ctx.delivery;
    if (!receiver || !delivery) return;
    const route = parseAddress(addressOf(receiver.target));
    try {
      if (route.kind === 'cbs') {
        reply(receiver, ctx.message as AmqpMessage, handleCbsRequest(ctx.message as AmqpMessage, log));
      } else if (route.kind === 'management') {
        const request = ctx.message as AmqpMessage;
        const queue = queues.resolve(route.entity);
        log(`management: ${String(request.application_properties?.operation)} on ${queue?.name ?? route.entity}`);
        const response = queue ? handleManagementRequest(queue, request) : notFoundReply(request, route.entity);
        afterDurable(
          () => reply(receiver, request, response),
          (err) =>
            reply(
              receiver,
              request,
              buildReply(request, { code: 500, description: `stand-in journal: ${err.message}`, condition: 'amqp:internal-error' }),
            ),
        );
      } else {
        const queue = queues.resolve(route.entity);
        if (!queue) throw new Error(`The messaging entity '${route.entity}' could not be found.`);
        const format = (ctx as { format?: number }).format;
        for (const message of decodeIncoming(ctx.message, format)) queue.send(message);
        afterDurable(
          () => delivery.accept(),
          (err) => delivery.reject({ condition: 'amqp:internal-error', description: `stand-in journal: ${err.message}` }),
        );
        return;
      }
      delivery.accept();
    } catch (err) {
      log(`rejected a transfer to ${route.kind === 'cbs' ? CBS_ADDRESS : route.entity}: ${(err as Error).message}`);
      delivery.reject({ condition: 'amqp:internal-error', description: (err as Error).message });
    }
  });

  // Connection options reach every link through rhea's option lookup chain.
  const listenOptions = {
    host,
    port: opts.port ?? 0,
    // Settle incoming transfers ourselves (accept or reject after storing them).
    autoaccept: false,
    // Keep `modified` (abandon / defer) distinct from `released`.
    treat_modified_as_released: false,
  };
  const server: Server = container.listen(listenOptions);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  log(`Service Bus stand-in listening on ${host}:${port}`);

  const ticker = setInterval(() => queues.tick(Date.now()), TICK_MS);
  ticker.unref();

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      clearInterval(ticker);
      for (const connection of connections) {
        try {
          connection.close();
        } catch {
          /* already gone */
        }
      }
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await waitForSockets(sockets, CLOSE_GRACE_MS);
      for (const socket of sockets) socket.destroy();
      await serverClosed;
      for (const connection of [...connections]) dropConnection(connection);
      await persistence?.close();
      log('Service Bus stand-in stopped');
    })();
    return closing;
  };

  const connectionHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    port,
    connectionString: `Endpoint=sb://${connectionHost}:${port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true`,
    close,
    stats: (name: string) => queues.find(name)?.stats() ?? { active: 0, scheduled: 0, locked: 0, deadLettered: 0 },
    ...(persistence ? { loaded: persistence.loaded } : {}),
  };
}

function addressOf(terminus: unknown): string {
  const address = (terminus as { address?: unknown } | undefined)?.address;
  return typeof address === 'string' ? address : '';
}

/** Our half of the attach echoes the client's terminus and settle modes, and states the max message size. */
function mirrorAttach(link: Sender | Receiver): void {
  link.set_source({ address: addressOf(link.source) });
  link.set_target({ address: addressOf(link.target) });
  const local = (link as unknown as { local: { attach: Record<string, unknown> } }).local.attach;
  local.snd_settle_mode = link.snd_settle_mode;
  local.rcv_settle_mode = link.rcv_settle_mode;
  local.max_message_size = MAX_MESSAGE_SIZE;
}

function hasSessionFilter(source: unknown): boolean {
  const filter = (source as { filter?: unknown } | undefined)?.filter;
  return typeof filter === 'object' && filter !== null && 'com.microsoft:session-filter' in filter;
}

/**
 * Sends a response on the request/response pair's other link: the SDK attaches its receiver with
 * the reply-to address as both link name and target, in the same session as its request sender.
 */
function reply(requestLink: Receiver, request: AmqpMessage, response: AmqpMessage): void {
  const replyTo = request.reply_to;
  const node = addressOf(requestLink.target);
  const matches = (s: Sender): boolean => addressOf(s.target) === replyTo || s.name === replyTo;
  const sender =
    requestLink.session.find_sender(matches) ??
    requestLink.connection.find_sender(matches) ??
    requestLink.session.find_sender((s: Sender) => addressOf(s.source) === node);
  if (!sender) throw new Error(`no reply link for '${String(replyTo)}' on ${node}`);
  sender.send(response);
}

function notFoundReply(request: AmqpMessage, entity: string): AmqpMessage {
  return buildReply(request, {
    code: 404,
    description: `The messaging entity '${entity}' could not be found.`,
    condition: 'amqp:not-found',
  });
}

function waitForSockets(sockets: Set<Socket>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (sockets.size === 0) return resolve();
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    let remaining = sockets.size;
    for (const socket of sockets) {
      socket.once('close', () => {
        if (--remaining === 0) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}
