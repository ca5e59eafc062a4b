// Real stand-ins for the ingestion tests: a Cosmos database, a blob container and a queue of this
// test file's own (the use cases take the container and queue as options), so files running in
// parallel never see each other's documents, blobs or messages.
import { randomUUID } from 'node:crypto';

import type { CosmosClient } from '@azure/cosmos';
import type { Timer } from '@azure/functions';
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';
import type { ContainerClient } from '@azure/storage-blob';

import { InvocationContext } from '../../../devtools/host/azure-functions.js';
import { type HttpServerHandle, startHttpServer } from '../../../devtools/host/http.js';
import { BlobExportSource, createBlobServiceClient, ensureContainer } from '../../../shared/adapters/blob/exports.js';
import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import { ServiceBusMessageBus } from '../../../shared/adapters/servicebus/bus.js';
import { systemClock } from '../../../shared/adapters/system/clock.js';
import type { Config } from '../../../shared/config/config.js';
import type { DocumentStore } from '../../../shared/ports/documentStore.js';
import type { MessageBus, OutboundMessage } from '../../../shared/ports/messageBus.js';
import type { Repositories } from '../../../shared/ports/repositories.js';
import { stackConfig, unique } from '../helpers.js';

/** A bus that also remembers every messageId it was asked to send (the broker may drop repeats). */
export class SpyBus implements MessageBus {
  readonly sentIds: string[] = [];
  constructor(private readonly inner: MessageBus) {}
  async send(queue: string, messages: readonly OutboundMessage[]): Promise<void> {
    await this.inner.send(queue, messages);
    this.sentIds.push(...messages.map((m) => m.messageId));
  }
}

export interface IngestionStack {
  config: Config;
  store: DocumentStore;
  /** The Cosmos repositories over `store`. */
  repos: Repositories;
  bus: SpyBus;
  container: ContainerClient;
  containerName: string;
  exports: BlobExportSource;
  queue: string;
  clock: typeof systemClock;
  upload(name: string, body: string | Buffer): Promise<void>;
  /** Receives (and removes) what is on the queue, waiting up to `waitMs` for each batch. */
  drain(waitMs?: number, expected?: number): Promise<ServiceBusReceivedMessage[]>;
  close(): Promise<void>;
}

export async function ingestionStack(prefix: string): Promise<IngestionStack> {
  const config = stackConfig();
  const cosmos: CosmosClient = createCosmosClient(config);
  const store = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
  const sb = new ServiceBusClient(config.ServiceBusConnection);
  const realBus = new ServiceBusMessageBus(sb);
  const containerName = unique(prefix);
  const container = createBlobServiceClient(config.AzureWebJobsStorage).getContainerClient(containerName);
  await ensureContainer(container);
  const queue = unique(`${prefix}-changes`);
  return {
    config,
    store,
    repos: createCosmosRepositories(store),
    bus: new SpyBus(realBus),
    container,
    containerName,
    exports: new BlobExportSource(container),
    queue,
    clock: systemClock,
    async upload(name, body) {
      await container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
    },
    async drain(waitMs = 1500, expected = Infinity) {
      const receiver = sb.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
      const got: ServiceBusReceivedMessage[] = [];
      while (got.length < expected) {
        const batch = await receiver.receiveMessages(100, { maxWaitTimeInMs: waitMs });
        if (batch.length === 0) break;
        got.push(...batch);
      }
      await receiver.close();
      return got;
    },
    async close() {
      await realBus.close();
      await sb.close();
      cosmos.dispose();
    },
  };
}

/** Serves handlers on 127.0.0.1:<free port>/api/<route> through the local host's HTTP trigger server. */
export async function serveHttp(
  functions: Array<{ name: string; route: string; methods: string[]; handler: (req: never, ctx: never) => Promise<unknown> }>,
  log: (line: string) => void = () => {},
): Promise<HttpServerHandle> {
  return startHttpServer({
    port: 0,
    host: '127.0.0.1',
    log,
    functions: functions.map((f) => ({
      name: f.name,
      bindings: {},
      trigger: { name: 'req', type: 'httpTrigger', direction: 'in', route: f.route, methods: f.methods },
      handler: f.handler as (...args: unknown[]) => unknown,
    })),
  });
}

/** An InvocationContext for calling a timer handler directly, its log lines collected. */
export function invocationContext(functionName: string, lines: string[]): InstanceType<typeof InvocationContext> {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    logHandler: (level, ...args) => lines.push(`${level}: ${args.map(String).join(' ')}`),
  });
}

export const aTimer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: undefined } as unknown as Timer;
