// The local Functions host: loads the very same app.* registrations as Azure (through the fake
// @azure/functions-core) and drives them — HTTP on /<routePrefix of host.json>/<route>, timers on NCRONTAB,
// Service Bus receivers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { createServiceBusClient } from '../../shared/adapters/servicebus/bus.js';
import type { MovableClock } from '../../shared/adapters/system/clock.js';
import { type Config, ConfigError, loadConfig } from '../../shared/config/config.js';
import { QUEUES } from '../../shared/ports/messageBus.js';
import { type AdminHandler, createAdminHandler, waitForQueueToDrain } from './admin.js';
import { type FakeCoreRegistry, installFakeCore, type RegisteredFunction, runHooks } from './fake-core.js';
import { type HttpServerHandle, routePrefixOf, startHttpServer, withPrefix } from './http.js';
import { type ServiceBusTriggerHandle, startServiceBusTriggers } from './servicebus.js';
import { type Scheduler, startTimers, type TimerHandle, unresolvedTimerSettings } from './timers.js';

export interface HostOptions {
  /** App settings to apply to process.env before anything reads them (stand-in addresses). */
  settings?: Record<string, string>;
  httpPort: number;
  httpHost?: string;
  log?: (line: string) => void;
  /** Set false to leave timers unscheduled (tests fire them with `timers.fire`). */
  timers?: boolean;
  serviceBus?: boolean;
  scheduler?: Scheduler;
  functionsEntry?: string;
  /** Overrides host.json's extensions.http.routePrefix. */
  routePrefix?: string;
  /** The business clock POST /admin/clock moves (admin.ts); without one that endpoint answers 404. */
  clock?: MovableClock;
  /** Called with each day the clock reaches (npm start: business-day.json of the data dir). */
  onDayMoved?: (day: string) => Promise<void>;
}

/** The app's host.json, which Azure reads too. */
export const HOST_JSON = path.resolve(import.meta.dirname, '../../host.json');

/** The route prefix Azure applies with this host.json (`api` when it sets none). */
export function readRoutePrefix(file: string = HOST_JSON): string {
  return routePrefixOf(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

export interface RunningHost {
  url: string;
  config: Config;
  registry: FakeCoreRegistry;
  functions: RegisteredFunction[];
  http: HttpServerHandle;
  /** host.json's routePrefix as applied to every HTTP route ('' = routes from the root). */
  routePrefix: string;
  timers: TimerHandle | undefined;
  serviceBus: ServiceBusTriggerHandle | undefined;
  stop(): Promise<void>;
}

/** Settings as the Functions host sees them for %NAME% expressions: environment over config defaults. */
function bindingSettings(config: Config): Record<string, unknown> {
  const fromConfig: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) if (typeof v === 'string' || typeof v === 'number') fromConfig[k] = v;
  return { ...fromConfig, ...process.env };
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const log = opts.log ?? ((line: string) => console.log(line));
  Object.assign(process.env, opts.settings ?? {});
  // Fails here, before anything listens, with every bad setting named.
  const config = loadConfig(process.env);

  const registry = installFakeCore();
  if (opts.functionsEntry) await import(pathToFileURL(opts.functionsEntry).href);
  else await import('../../functions/index.js');
  const functions = [...registry.functions.values()];
  // As on Azure, a timer whose %SETTING% schedule is not among the app settings does not load: refuse to
  // start, naming it (the config's own schedule defaults do not count; the local stack sets every schedule).
  const unresolved = unresolvedTimerSettings(functions, process.env);
  if (unresolved.length > 0) throw new ConfigError(unresolved);
  await runHooks(registry, 'appStart');

  const settings = bindingSettings(config);
  const stops: Array<() => Promise<void>> = [];
  try {
    const routePrefix = opts.routePrefix ?? readRoutePrefix();
    let admin: AdminHandler | undefined;
    const http = await startHttpServer({
      functions,
      port: opts.httpPort,
      host: opts.httpHost ?? '127.0.0.1',
      log,
      routePrefix,
      admin: () => admin,
    });
    stops.push(() => http.close());
    const serviceBus =
      opts.serviceBus === false
        ? undefined
        : startServiceBusTriggers({ functions, settings, maxDeliveryCount: config.MAX_DELIVERY_COUNT, log });
    if (serviceBus) stops.push(() => serviceBus.stop());
    const timers =
      opts.timers === false
        ? undefined
        : startTimers({ functions, settings: { ...process.env }, log, ...(opts.scheduler ? { scheduler: opts.scheduler } : {}) });
    if (timers) stops.push(() => timers.stop());
    // The admin endpoints (local only): run a timer now, move the business day (draining partner-recompute).
    const drainClient = opts.clock && serviceBus ? createServiceBusClient(config.connections.serviceBus) : undefined;
    if (drainClient) stops.push(() => drainClient.close());
    admin = createAdminHandler({
      timerNames: functions.filter((f) => f.trigger.type.toLowerCase() === 'timertrigger').map((f) => f.name),
      fire: timers ? (name) => timers.fire(name) : undefined,
      clock: opts.clock,
      onDay: opts.onDayMoved,
      drain: drainClient ? () => waitForQueueToDrain(drainClient, QUEUES.partnerRecompute) : undefined,
      log,
    });

    let stopped: Promise<void> | undefined;
    return {
      url: http.url,
      config,
      registry,
      functions,
      http,
      routePrefix,
      timers,
      serviceBus,
      stop() {
        stopped ??= (async () => {
          // Timers and receivers first (no new work), then HTTP, then the app's own shutdown hook.
          for (const s of stops.reverse()) await s().catch((err) => log(`stop: ${String(err)}`));
          await runHooks(registry, 'appTerminate').catch((err) => log(`appTerminate: ${String(err)}`));
        })();
        return stopped;
      },
    };
  } catch (err) {
    for (const s of stops.reverse()) await s().catch(() => {});
    throw err;
  }
}

/** One line per function: trigger and where it listens. */
export function describeFunctions(host: RunningHost): string[] {
  return host.functions.map((fn) => {
    const t = fn.trigger;
    switch (t.type.toLowerCase()) {
      case 'httptrigger':
        return `${fn.name}: [${(t.methods as string[]).join(',')}] ${host.url.replace('127.0.0.1', 'localhost')}/${withPrefix(host.routePrefix, String(t.route))}`;
      case 'timertrigger':
        return `${fn.name}: timer ${host.timers?.schedules.get(fn.name) ?? String(t.schedule)}${t.runOnStartup ? ' (runOnStartup)' : ''}`;
      case 'servicebustrigger':
        return `${fn.name}: Service Bus queue ${String(t.queueName)} (connection ${String(t.connection)})`;
      default:
        return `${fn.name}: ${t.type}`;
    }
  });
}
