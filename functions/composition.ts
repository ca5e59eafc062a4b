// The composition root: config, SDK clients, adapters and handlers, built once per process on first use
// (so importing the function catalog, as the wiring test does, touches no setting and no network).
// Each client is key-based or keyless as config.connections says; keyless ones share one credential factory,
// which creates nothing unless a connection is keyless.
import type { CosmosClient } from '@azure/cosmos';
import type { ContainerClient } from '@azure/storage-blob';

import { type Authorize, createAuthorizer } from '../shared/access/authorize.js';
import { ApiKeyRepository } from '../shared/access/keys.js';
import { BlobExportSource, createBlobServiceClient, ensureContainer, storageProbe } from '../shared/adapters/blob/exports.js';
import { createCosmosClient } from '../shared/adapters/cosmos/client.js';
import { cosmosProbe } from '../shared/adapters/cosmos/health.js';
import { createCosmosRepositories } from '../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../shared/adapters/cosmos/store.js';
import { createCredentialFactory, type CredentialFactory } from '../shared/adapters/identity/credential.js';
import { AcsMailer, acsProbe, createEmailClient } from '../shared/adapters/mail/acs.js';
import { OffMailer, offMailProbe } from '../shared/adapters/mail/off.js';
import { createSmtpTransport, SmtpMailer, smtpProbe } from '../shared/adapters/mail/smtp.js';
import { createServiceBusClient, ServiceBusMessageBus, serviceBusProbe } from '../shared/adapters/servicebus/bus.js';
import { ServiceBusDeadLetterReader } from '../shared/adapters/servicebus/dead-letters.js';
import { systemClock } from '../shared/adapters/system/clock.js';
import { type Config, loadConfig } from '../shared/config/config.js';
import { createHandlers, type Handlers } from '../shared/handlers/index.js';
import { partnerInsightsProbe } from '../shared/ingestion/partner-center/pull.js';
import { type Clock } from '../shared/ports/clock.js';
import { type HealthProbe } from '../shared/ports/health.js';
import { type Mailer } from '../shared/ports/mailer.js';
import { QUEUES } from '../shared/ports/messageBus.js';
import { type Ports } from '../shared/ports/ports.js';

export interface Root {
  config: Config;
  ports: Ports;
  handlers: Handlers;
  /** The HTTP API's own access check (keys in Cosmos, Entra sign-in on Azure); the catalog wrapper applies it. */
  authorize: Authorize;
  /** Creates the database, containers and blob container if missing (idempotent). */
  ensureResources(): Promise<void>;
  close(): Promise<void>;
}

export interface RootOptions {
  /** Credentials for keyless connections (tests pass a fake); default: @azure/identity, loaded on first use. */
  credentials?: CredentialFactory;
  /** The business clock (default: the system clock); the local host may move it to the samples' day. */
  clock?: Clock;
}

export function buildRoot(config: Config, options: RootOptions = {}): Root {
  const credentials = options.credentials ?? createCredentialFactory();
  const { connections } = config;
  const cosmos: CosmosClient = createCosmosClient(config, credentials);
  const database = cosmos.database(config.COSMOS_DATABASE);
  const serviceBus = createServiceBusClient(connections.serviceBus, credentials);
  const bus = new ServiceBusMessageBus(serviceBus);
  const exportsContainer: ContainerClient = createBlobServiceClient(connections.storage, credentials).getContainerClient(
    config.EXPORTS_CONTAINER,
  );

  let mailer: Mailer;
  let mailProbe: HealthProbe;
  let closeMail = () => {};
  if (config.MAIL_TRANSPORT === 'off') {
    // No mail configured (the template's default): notifications are recorded as skipped, health says mail is off.
    mailer = new OffMailer();
    mailProbe = offMailProbe();
  } else if (config.MAIL_TRANSPORT === 'acs') {
    // loadConfig requires ACS_CONNECTION_STRING or ACS_ENDPOINT with MAIL_TRANSPORT=acs.
    const acs = connections.acs;
    if (!acs) throw new Error('MAIL_TRANSPORT=acs needs ACS_CONNECTION_STRING or ACS_ENDPOINT');
    mailer = new AcsMailer(acs, config.MAIL_FROM, createEmailClient(acs, credentials));
    mailProbe = acsProbe(acs, credentials);
  } else {
    const transport = createSmtpTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      from: config.MAIL_FROM,
      user: config.SMTP_USER,
      password: config.SMTP_PASSWORD,
    });
    mailer = new SmtpMailer(transport, config.MAIL_FROM);
    mailProbe = smtpProbe(transport);
    closeMail = () => transport.close();
  }

  const store = createCosmosStore(database);
  const repos = createCosmosRepositories(store);
  const ports: Ports = {
    clock: options.clock ?? systemClock,
    store,
    repos,
    bus,
    mailer,
    exports: new BlobExportSource(exportsContainer),
    probes: [
      cosmosProbe(cosmos, config.COSMOS_DATABASE),
      storageProbe(exportsContainer),
      serviceBusProbe(serviceBus, QUEUES.partnerChanges),
      mailProbe,
      // A Partner Center connection whose sign-in was refused (what the user must do), if any.
      partnerInsightsProbe(repos.partnerInsightsStatus),
    ],
    deadLetters: new ServiceBusDeadLetterReader(serviceBus),
  };

  return {
    config,
    ports,
    handlers: createHandlers(ports, config, { credentials }),
    authorize: createAuthorizer({
      keys: new ApiKeyRepository(ports.store, ports.repos.apiKeys),
      requireKeys: config.requireKeys,
      trustClientPrincipal: config.trustClientPrincipal,
    }),
    async ensureResources() {
      await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE);
      await ensureContainer(exportsContainer);
    },
    async close() {
      await bus.close();
      await serviceBus.close();
      cosmos.dispose();
      closeMail();
    },
  };
}

let root: Root | undefined;
let rootOptions: RootOptions = {};

/** Options for the root getRoot() builds next (the local host sets its clock before the first invocation). */
export function configureRoot(options: RootOptions): void {
  rootOptions = options;
}

/** The process's root, built on first call from process.env. Throws ConfigError on bad settings. */
export function getRoot(): Root {
  root ??= buildRoot(loadConfig(process.env), rootOptions);
  return root;
}

/** Drops the root (tests, local host shutdown); the next getRoot() builds a new one. */
export async function closeRoot(): Promise<void> {
  const r = root;
  root = undefined;
  await r?.close();
}
