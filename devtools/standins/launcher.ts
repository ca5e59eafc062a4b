// Starts the local stand-ins the environment needs (see plan.ts) and returns the app settings that point
// at them. Azurite and the Cosmos stand-in run as guarded child processes; the Service Bus stand-in and
// the SMTP sink run in this process. stop() ends all of them; so does any exit of this process.
// With `dataDir`, Azurite, the Cosmos stand-in and the Service Bus stand-in keep their data under it
// (azurite/, cosmos/, servicebus/); without, everything is in memory (tests, the demo).
import path from 'node:path';

import { LOCAL_COSMOS_KEY } from '../../shared/config/config.js';
import { QUEUES } from '../../shared/ports/messageBus.js';
import { startSmtpSink } from '../mail/sink.js';
import { startServiceBusStandIn } from '../servicebus/server.js';
import { startAzurite } from './azurite.js';
import { type CosmosRequestCount, startCosmos } from './cosmos.js';
import { planStandIns, type StandInName } from './plan.js';
import { localSchedules, type LocalSettings } from './settings.js';

export interface StandInInfo {
  name: StandInName;
  /** What a person reads: the address(es) it serves. */
  endpoint: string;
  /** Child process id, for the ones that run in their own process. */
  pid?: number;
}

export interface StandInStack {
  /** App settings that point at the started stand-ins (merge over the environment). */
  settings: Record<string, string>;
  started: StandInInfo[];
  /** Stand-ins not started because the setting names a real resource. */
  skipped: StandInName[];
  mailDir?: string;
  /** PIDs of child processes (Azurite, Cosmos). */
  childPids(): number[];
  /** The Cosmos stand-in's served requests so far (when it was started). */
  cosmosRequestCount?(): Promise<CosmosRequestCount>;
  stop(): Promise<void>;
}

export interface StartStandInsOptions {
  env: Record<string, string | undefined>;
  local: LocalSettings;
  log?: (line: string) => void;
  /** Force a decision per stand-in (tests start everything regardless of the environment). */
  only?: Partial<Record<StandInName, boolean>>;
  /** Keep the stand-ins' data in this directory across restarts; unset = in memory. */
  dataDir?: string;
}

export async function startStandIns(opts: StartStandInsOptions): Promise<StandInStack> {
  const log = opts.log ?? (() => {});
  const host = opts.local.LOCAL_BIND_HOST;
  const plan = { ...planStandIns(opts.env), ...opts.only };
  // Every timer schedule said explicitly (the host refuses an unset %SETTING%, as Azure does).
  const settings: Record<string, string> = { ...localSchedules(opts.env) };
  const started: StandInInfo[] = [];
  const stops: Array<() => Promise<void>> = [];
  const pids: number[] = [];
  let mailDir: string | undefined;
  let cosmosHandle: { requestCount(): Promise<CosmosRequestCount> } | undefined;

  const stopAll = async () => {
    const list = stops.splice(0).reverse();
    await Promise.allSettled(list.map((s) => s()));
  };

  try {
    // Children first and in parallel: they take the longest to come up.
    const [azurite, cosmos] = await Promise.all([
      plan.azurite
        ? startAzurite({
            host,
            blobPort: opts.local.LOCAL_BLOB_PORT,
            queuePort: opts.local.LOCAL_QUEUE_PORT,
            tablePort: opts.local.LOCAL_TABLE_PORT,
            ...(opts.dataDir ? { dataDir: path.join(opts.dataDir, 'azurite') } : {}),
          }).then((h) => (stops.push(() => h.child.stop()), h))
        : undefined,
      plan.cosmos
        ? startCosmos({
            host,
            port: opts.local.LOCAL_COSMOS_PORT,
            ...(opts.dataDir ? { dataDir: path.join(opts.dataDir, 'cosmos') } : {}),
          }).then((h) => (stops.push(() => h.child.stop()), h))
        : undefined,
    ]);
    if (azurite) {
      settings.AzureWebJobsStorage = azurite.connectionString;
      pids.push(azurite.child.pid);
      started.push({
        name: 'azurite',
        pid: azurite.child.pid,
        endpoint: `blob http://${host}:${azurite.ports.blob}, queue :${azurite.ports.queue}, table :${azurite.ports.table}`,
      });
    }
    if (cosmos) {
      cosmosHandle = cosmos;
      settings.COSMOS_ENDPOINT = cosmos.endpoint;
      settings.COSMOS_KEY = LOCAL_COSMOS_KEY;
      settings.COSMOS_ALLOW_SELF_SIGNED = 'true';
      pids.push(cosmos.child.pid);
      started.push({ name: 'cosmos', pid: cosmos.child.pid, endpoint: cosmos.endpoint });
    }

    if (plan.serviceBus) {
      const maxDeliveryCount = Number(opts.env.MAX_DELIVERY_COUNT ?? '') || 10;
      const sb = await startServiceBusStandIn({
        host,
        port: opts.local.LOCAL_SERVICEBUS_PORT,
        queues: Object.values(QUEUES).map((name) => ({ name, maxDeliveryCount })),
        autoCreateQueues: true,
        ...(opts.dataDir ? { dataDir: path.join(opts.dataDir, 'servicebus') } : {}),
      });
      stops.push(() => sb.close());
      settings.ServiceBusConnection = sb.connectionString;
      started.push({ name: 'serviceBus', endpoint: `amqp://${host}:${sb.port} (queues ${Object.values(QUEUES).join(', ')})` });
    }

    if (plan.smtp) {
      const sink = await startSmtpSink({ host, port: opts.local.LOCAL_SMTP_PORT, dir: opts.local.LOCAL_MAIL_DIR, log });
      stops.push(() => sink.close());
      settings.MAIL_TRANSPORT = 'smtp';
      settings.SMTP_HOST = host;
      settings.SMTP_PORT = String(sink.port);
      mailDir = sink.dir;
      started.push({ name: 'smtp', endpoint: `smtp://${host}:${sink.port} → ${path.relative(process.cwd(), sink.dir) || sink.dir}` });
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  const skipped = (Object.keys(plan) as StandInName[]).filter((k) => !plan[k]);
  return {
    settings,
    started,
    skipped,
    ...(mailDir ? { mailDir } : {}),
    childPids: () => [...pids],
    ...(cosmosHandle ? { cosmosRequestCount: cosmosHandle.requestCount } : {}),
    stop: stopAll,
  };
}
