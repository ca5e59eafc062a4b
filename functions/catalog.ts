// Data-driven registration: each catalog entry becomes one app.http / app.timer / app.serviceBusQueue call.
// Handlers are resolved through the composition root at invocation time, so registering is side-effect free.
import {
  app,
  type HttpMethod,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
  type Timer,
} from '@azure/functions';
import type { Handlers } from '../shared/handlers/index.js';
import { getRoot } from './composition.js';

/** App-setting name of the Service Bus connection in every binding (connection string, or __fullyQualifiedNamespace on Azure). */
export const SERVICE_BUS_CONNECTION = 'ServiceBusConnection';

type Pick<I, R> = (h: Handlers) => (input: I, context: InvocationContext) => Promise<R>;

export type CatalogEntry =
  | { kind: 'http'; name: string; methods: HttpMethod[]; route: string; authLevel: 'anonymous' | 'function'; pick: Pick<HttpRequest, HttpResponseInit> }
  | { kind: 'timer'; name: string; schedule: string; runOnStartup: boolean; pick: Pick<Timer, unknown> }
  | { kind: 'serviceBus'; name: string; queueName: string; pick: Pick<unknown, unknown> };

export function http(
  name: string,
  o: { methods: HttpMethod[]; route: string; authLevel?: 'anonymous' | 'function' },
  pick: Pick<HttpRequest, HttpResponseInit>,
): CatalogEntry {
  return { kind: 'http', name, methods: o.methods, route: o.route, authLevel: o.authLevel ?? 'function', pick };
}

/** `schedule` may be a `%SETTING%` expression, resolved from app settings by the host (Azure and local). */
export function timer(name: string, o: { schedule: string; runOnStartup?: boolean }, pick: Pick<Timer, unknown>): CatalogEntry {
  return { kind: 'timer', name, schedule: o.schedule, runOnStartup: o.runOnStartup ?? false, pick };
}

export function serviceBusQueue(name: string, queueName: string, pick: Pick<unknown, unknown>): CatalogEntry {
  return { kind: 'serviceBus', name, queueName, pick };
}

export function register(entries: readonly CatalogEntry[]): void {
  for (const e of entries) {
    switch (e.kind) {
      case 'http':
        app.http(e.name, {
          methods: e.methods,
          route: e.route,
          authLevel: e.authLevel,
          handler: (req, ctx) => e.pick(getRoot().handlers)(req, ctx),
        });
        break;
      case 'timer':
        app.timer(e.name, {
          schedule: e.schedule,
          runOnStartup: e.runOnStartup,
          handler: async (t, ctx) => {
            await e.pick(getRoot().handlers)(t, ctx);
          },
        });
        break;
      case 'serviceBus':
        app.serviceBusQueue(e.name, {
          queueName: e.queueName,
          connection: SERVICE_BUS_CONNECTION,
          handler: async (message, ctx) => {
            await e.pick(getRoot().handlers)(message, ctx);
          },
        });
        break;
    }
  }
}
