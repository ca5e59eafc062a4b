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
import { checkRoute, NOBODY, type Access, type Authorize, type Principal } from '../shared/access/index.js';
import type { Handlers } from '../shared/handlers/index.js';
import { getRoot } from './composition.js';

/** App-setting name of the Service Bus connection in every binding (connection string, or __fullyQualifiedNamespace on Azure). */
export const SERVICE_BUS_CONNECTION = 'ServiceBusConnection';

type Pick<I, R> = (h: Handlers) => (input: I, context: InvocationContext) => Promise<R>;
/**
 * An HTTP handler receives the caller as its third argument, after the app's checks (shared/access/):
 * `(request, context, principal) => …`. Public and signed routes get NOBODY.
 */
export type HttpHandler = (request: HttpRequest, context: InvocationContext, principal: Principal) => Promise<HttpResponseInit>;
type PickHttp = (h: Handlers) => HttpHandler;

export type CatalogEntry =
  | { kind: 'http'; name: string; methods: HttpMethod[]; route: string; access: Access; pick: PickHttp }
  | { kind: 'timer'; name: string; schedule: string; runOnStartup: boolean; pick: Pick<Timer, unknown> }
  | { kind: 'serviceBus'; name: string; queueName: string; pick: Pick<unknown, unknown> };

/**
 * `route` is the whole path after host.json's routePrefix (which is empty): API routes spell out `api/`.
 * `access` (default `key`): `public` (health, the page's assets), `signed` (webhooks: their signature is
 * their authentication), `key` (a valid key or sign-in; a `{partnerId}` must be one of the caller's),
 * `admin` (admins only). The host sees every route as anonymous: the app checks its own keys.
 */
export function http(name: string, o: { methods: HttpMethod[]; route: string; access?: Access }, pick: PickHttp): CatalogEntry {
  return { kind: 'http', name, methods: o.methods, route: o.route, access: o.access ?? 'key', pick };
}

/** What an HTTP invocation needs from the composition root (tests pass fakes). */
export interface HttpRoot {
  authorize: Authorize;
  handlers: Handlers;
}

/** One HTTP invocation: the app's access check of the entry's route, then its handler with the principal. */
export async function invokeHttp(
  e: Extract<CatalogEntry, { kind: 'http' }>,
  request: HttpRequest,
  context: InvocationContext,
  root: HttpRoot,
): Promise<HttpResponseInit> {
  if (e.access === 'public' || e.access === 'signed') return e.pick(root.handlers)(request, context, NOBODY);
  const who = await root.authorize(request);
  if (!who.ok) return who.response;
  const denied = checkRoute(e.access, who.principal, request.params);
  if (denied) return denied;
  return e.pick(root.handlers)(request, context, who.principal);
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
          authLevel: 'anonymous',
          handler: (req, ctx) => invokeHttp(e, req, ctx, getRoot()),
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
