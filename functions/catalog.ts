// Data-driven registration: each catalog entry becomes one app.http / app.timer / app.serviceBusQueue call.
// Handlers are resolved through the composition root at invocation time, so registering is side-effect free.
import {
  app,
  type HttpFunctionOptions,
  type HttpMethod,
  type HttpRequest,
  type HttpResponseInit,
  type InvocationContext,
  type ServiceBusQueueFunctionOptions,
  type Timer,
  type TimerFunctionOptions,
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

/**
 * The library's own trigger options (so a new option — `retry`, `useMonitor`, `cardinality`, … — flows
 * through to app.* without a catalog change), less what the catalog decides itself: the handler (resolved
 * through the composition root), the HTTP authLevel (always anonymous: the app checks `access`) and the
 * Service Bus connection (SERVICE_BUS_CONNECTION). HTTP entries always spell out methods and route.
 */
export type HttpEntryOptions = Omit<HttpFunctionOptions, 'handler' | 'authLevel' | 'methods' | 'route'> & { methods: HttpMethod[]; route: string };
export type TimerEntryOptions = Omit<TimerFunctionOptions, 'handler'>;
export type ServiceBusEntryOptions = Omit<ServiceBusQueueFunctionOptions, 'handler' | 'connection' | 'queueName'>;

export type CatalogEntry =
  | ({ kind: 'http'; name: string; access: Access; pick: PickHttp } & HttpEntryOptions)
  | ({ kind: 'timer'; name: string; runOnStartup: boolean; pick: Pick<Timer, unknown> } & TimerEntryOptions)
  | ({ kind: 'serviceBus'; name: string; queueName: string; pick: Pick<unknown, unknown> } & ServiceBusEntryOptions);

/**
 * `route` is the whole path after host.json's routePrefix (which is empty): API routes spell out `api/`.
 * `access` (default `key`): `public` (health, the page's assets), `signed` (webhooks: their signature is
 * their authentication), `key` (a valid key or sign-in; a `{partnerId}` must be one of the caller's),
 * `admin` (admins only). The host sees every route as anonymous: the app checks its own keys.
 */
export function http(name: string, o: HttpEntryOptions & { access?: Access }, pick: PickHttp): CatalogEntry {
  const { access, ...options } = o;
  return { ...options, kind: 'http', name, access: access ?? 'key', pick };
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
export function timer(name: string, o: TimerEntryOptions, pick: Pick<Timer, unknown>): CatalogEntry {
  return { ...o, kind: 'timer', name, runOnStartup: o.runOnStartup ?? false, pick };
}

export function serviceBusQueue(name: string, queueName: string, pick: Pick<unknown, unknown>, o: ServiceBusEntryOptions = {}): CatalogEntry {
  return { ...o, kind: 'serviceBus', name, queueName, pick };
}

export function register(entries: readonly CatalogEntry[]): void {
  for (const e of entries) {
    switch (e.kind) {
      case 'http': {
        const { kind: _kind, name, access: _access, pick: _pick, ...options } = e;
        app.http(name, {
          ...options,
          authLevel: 'anonymous',
          handler: (req, ctx) => invokeHttp(e, req, ctx, getRoot()),
        });
        break;
      }
      case 'timer': {
        const { kind: _kind, name, pick, ...options } = e;
        app.timer(name, {
          ...options,
          handler: async (t, ctx) => {
            await pick(getRoot().handlers)(t, ctx);
          },
        });
        break;
      }
      case 'serviceBus': {
        const { kind: _kind, name, pick, ...options } = e;
        app.serviceBusQueue(name, {
          ...options,
          connection: SERVICE_BUS_CONNECTION,
          handler: async (message, ctx) => {
            await pick(getRoot().handlers)(message, ctx);
          },
        });
        break;
      }
    }
  }
}
