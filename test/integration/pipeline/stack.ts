// Per-file pipeline stack: the run's Cosmos stand-in (a database of this file's own) and a private
// Service Bus stand-in (so no other test file's host consumes our queues).
import type { CosmosClient } from '@azure/cosmos';
import { ServiceBusClient, type ServiceBusReceivedMessage } from '@azure/service-bus';

import { type ServiceBusStandIn, startServiceBusStandIn } from '../../../devtools/servicebus/server.js';
import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import { ServiceBusMessageBus } from '../../../shared/adapters/servicebus/bus.js';
import type { Config } from '../../../shared/config/config.js';
import type { DocumentStore } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';
import type { Repositories } from '../../../shared/ports/repositories.js';
import { stackConfig } from '../helpers.js';

export interface PipelineStack {
  config: Config;
  /** Settings as environment variables (for `pcs facts`). */
  env: Record<string, string>;
  store: DocumentStore;
  /** The Cosmos repositories over `store`. */
  repos: Repositories;
  bus: ServiceBusMessageBus;
  serviceBus: ServiceBusClient;
  /** Receives up to `max` messages waiting on `queue` and completes them. */
  drain(queue: string, max?: number): Promise<ServiceBusReceivedMessage[]>;
  close(): Promise<void>;
}

export async function startPipelineStack(): Promise<PipelineStack> {
  const sb: ServiceBusStandIn = await startServiceBusStandIn({ port: 0, host: '127.0.0.1', queues: Object.values(QUEUES) });
  const config = stackConfig({ ServiceBusConnection: sb.connectionString });
  const cosmos: CosmosClient = createCosmosClient(config);
  const store = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
  const serviceBus = new ServiceBusClient(sb.connectionString);
  const bus = new ServiceBusMessageBus(serviceBus);
  const env: Record<string, string> = {
    COSMOS_ENDPOINT: config.COSMOS_ENDPOINT,
    COSMOS_KEY: config.COSMOS_KEY,
    COSMOS_DATABASE: config.COSMOS_DATABASE,
    ServiceBusConnection: sb.connectionString,
  };
  return {
    config,
    env,
    store,
    repos: createCosmosRepositories(store),
    bus,
    serviceBus,
    async drain(queue, max = 500) {
      const receiver = serviceBus.createReceiver(queue, { receiveMode: 'receiveAndDelete' });
      const out: ServiceBusReceivedMessage[] = [];
      try {
        for (;;) {
          const batch = await receiver.receiveMessages(Math.min(100, max - out.length), { maxWaitTimeInMs: 300 });
          out.push(...batch);
          if (batch.length === 0 || out.length >= max) break;
        }
      } finally {
        await receiver.close();
      }
      return out;
    },
    async close() {
      await bus.close();
      await serviceBus.close();
      cosmos.dispose();
      await sb.close();
    },
  };
}
