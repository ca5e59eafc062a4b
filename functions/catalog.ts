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

import { type Access, type Authorize, checkRoute } from '../shared/access/authorize.js';
import { NOBODY, type Principal } from '../shared/access/principal.js';
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
export type HttpEntryOptions = Omit<HttpFunctionOptions, 'handler' | 'authLevel' | 'methods' | 'route'> & {
  methods: HttpMethod[];
  route: string;
};
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

/**
 * One HTTP invocation: the app's access check of the entry's route, then its handler with the principal.
 * Every error is JSON `{ error }`: an unexpected throw (of the check or the handler) is logged and answered
 * 503 when a dependency failed (dependencyFailure), else 500 — never the host's plain-text 500.
 */
export async function invokeHttp(
  e: Extract<CatalogEntry, { kind: 'http' }>,
  request: HttpRequest,
  context: InvocationContext,
  root: HttpRoot,
): Promise<HttpResponseInit> {
  try {
    return await invokeChecked(e, request, context, root);
  } catch (err) {
    const dependency = dependencyFailure(err);
    context.error(
      `${e.name}: ${dependency ? `dependency unavailable (${dependency})` : 'failed'}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return dependency
      ? { status: 503, headers: { 'retry-after': '30' }, jsonBody: { error: `a dependency is unavailable (${dependency}); retry later` } }
      : { status: 500, jsonBody: { error: `internal error in ${e.name}; see the function's log (invocation ${context.invocationId})` } };
  }
}

const SERVICE_BUS_UNAVAILABLE = new Set([
  'ServiceUnavailable',
  'ServiceBusy',
  'ServiceCommunicationProblem',
  'ServiceTimeout',
  'GeneralError',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * What names a dependency's failure, or null: a Cosmos DB (or other REST) 429 / 5xx, a Service Bus error
 * saying the service is unavailable, a refused or dropped connection — also when wrapped as `cause`.
 */
export function dependencyFailure(err: unknown): string | null {
  for (let e = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { code?: unknown; statusCode?: unknown; name?: unknown };
    const status = typeof o.statusCode === 'number' ? o.statusCode : typeof o.code === 'number' ? o.code : undefined;
    if (status !== undefined && (status === 429 || (status >= 500 && status < 600))) return `status ${status}`;
    if (typeof o.code === 'string' && NETWORK_CODES.has(o.code)) return o.code;
    if (o.name === 'ServiceBusError' && typeof o.code === 'string' && SERVICE_BUS_UNAVAILABLE.has(o.code)) return `Service Bus ${o.code}`;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors))
      for (const inner of errors) {
        const found = dependencyFailure(inner);
        if (found) return found;
      }
  }
  return null;
}

async function invokeChecked(
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

export function serviceBusQueue(
  name: string,
  queueName: string,
  pick: Pick<unknown, unknown>,
  o: ServiceBusEntryOptions = {},
): CatalogEntry {
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
