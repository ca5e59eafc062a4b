// Serves the registered HTTP triggers on http://<host>:<port>/<routePrefix>/<route>, as the Functions host does:
// host.json's extensions.http.routePrefix (default `api`, empty = routes from the root), route templates with
// {param}, {param?}, {param:constraint} and catch-all {*param}, ASP.NET Core route precedence (literal segments
// before parameters, catch-alls last), method filtering, the real HttpRequest / HttpResponse classes.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { HttpResponseInit } from '@azure/functions';

import type { AdminHandler } from './admin.js';
import { HttpRequest, HttpResponse, InvocationContext } from './azure-functions.js';
import type { RegisteredFunction } from './fake-core.js';

export interface HttpRoute {
  fn: RegisteredFunction;
  methods: string[];
  match: (path: string) => Record<string, string> | undefined;
  /** The template as registered, and with the route prefix (what is matched). */
  route: string;
  template: string;
}

/** The Functions host's default when host.json says nothing. */
export const DEFAULT_ROUTE_PREFIX = 'api';

/** host.json's extensions.http.routePrefix, as the Functions host reads it (absent → `api`; slashes trimmed). */
export function routePrefixOf(hostJson: unknown): string {
  const prefix = (hostJson as { extensions?: { http?: { routePrefix?: unknown } } } | null)?.extensions?.http?.routePrefix;
  return (typeof prefix === 'string' ? prefix : DEFAULT_ROUTE_PREFIX).replace(/^\/+|\/+$/g, '');
}

/** The route template the host matches: prefix + route. */
export function withPrefix(prefix: string, route: string): string {
  const r = route.replace(/^\/+|\/+$/g, '');
  return prefix === '' ? r : r === '' ? prefix : `${prefix}/${r}`;
}

/**
 * ASP.NET Core's inbound route precedence, one digit per segment: 1 literal, 2 constrained parameter (or a
 * segment mixing text and parameters), 3 parameter, 4 constrained catch-all, 5 catch-all. Templates compare
 * digit by digit, lower first; a template that is a prefix of another comes first (1.1 < 1.13).
 */
export function routePrecedence(template: string): number[] {
  const segments = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .filter((s) => s !== '');
  return segments.map((segment) => {
    const m = /^\{(\*{1,2})?[A-Za-z_][A-Za-z0-9_]*(:[^}?]+)?(=[^}]*)?\??\}$/.exec(segment);
    if (!m) return segment.includes('{') ? 2 : 1;
    if (m[1]) return m[2] ? 4 : 5;
    return m[2] ? 2 : 3;
  });
}

export function comparePrecedence(a: string, b: string): number {
  const pa = routePrecedence(a);
  const pb = routePrecedence(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  if (pa.length !== pb.length) return pa.length - pb.length;
  // Same precedence: a stable, case-insensitive order of the templates (as the router sorts them).
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

/** Compiles a Functions route template ("partners/{id}/claims/{claimId?}") into a matcher. */
/** The common ASP.NET Core route constraints; others are accepted unchecked. */
const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  bool: /^(true|false)$/i,
  alpha: /^[a-z]+$/i,
  guid: /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i,
  decimal: /^-?\d+(\.\d+)?$/,
  double: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
  float: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
};

export function compileRoute(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const checks = new Map<string, RegExp>();
  const pattern = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) => {
      const m = /^\{(\*?)([A-Za-z_][A-Za-z0-9_]*)(?::([^}?]+))?(\?)?\}$/.exec(segment);
      if (!m) return '/' + segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[2]!);
      const check = m[3] ? CONSTRAINTS[m[3].toLowerCase()] : undefined;
      if (check) checks.set(m[2]!, check);
      if (m[1]) return '(?:/(.*))?';
      return m[4] ? '(?:/([^/]+))?' : '/([^/]+)';
    })
    .join('');
  const re = new RegExp(`^${pattern}/?$`, 'i');
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    const params: Record<string, string> = {};
    names.forEach((n, i) => {
      const v = m[i + 1];
      if (v !== undefined) params[n] = decodeURIComponent(v);
    });
    for (const [n, check] of checks) if (params[n] !== undefined && !check.test(params[n])) return undefined;
    return params;
  };
}

/** The HTTP triggers' routes in the order the host tries them (route precedence). */
export function httpRoutes(functions: Iterable<RegisteredFunction>, routePrefix: string = DEFAULT_ROUTE_PREFIX): HttpRoute[] {
  const out: HttpRoute[] = [];
  for (const fn of functions) {
    if (fn.trigger.type.toLowerCase() !== 'httptrigger') continue;
    const route = String(fn.trigger.route ?? fn.name);
    const template = withPrefix(routePrefix, route);
    const methods = ((fn.trigger.methods as string[] | undefined) ?? ['GET', 'POST']).map((m) => m.toUpperCase());
    out.push({ fn, methods, route, template, match: compileRoute(template) });
  }
  return out.sort((a, b) => comparePrecedence(a.template, b.template));
}

/** The route that takes `method path`: the first by precedence whose template and methods match. */
export function findRoute(
  routes: readonly HttpRoute[],
  method: string,
  path: string,
): { route: HttpRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (!route.methods.includes(method)) continue;
    const params = route.match(path);
    if (params) return { route, params };
  }
  return undefined;
}

/** The methods some route matching `path` takes (for a 405's Allow header); empty: no route matches. */
export function allowedMethods(routes: readonly HttpRoute[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) if (route.match(path)) for (const m of route.methods) methods.add(m);
  return [...methods].sort();
}

/** Whether every %-escape of a path or query decodes (malformed ones are a 400, not a thrown URIError). */
export function wellEncoded(text: string): boolean {
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/** Every error the host itself answers is JSON `{ error }`, as the app's are. */
function jsonError(res: http.ServerResponse, status: number, error: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify({ error }));
}

export interface HttpServerHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startHttpServer(opts: {
  functions: Iterable<RegisteredFunction>;
  port: number;
  host: string;
  log: (line: string) => void;
  /** host.json's extensions.http.routePrefix (default `api`, as the Functions host). */
  routePrefix?: string;
  /** The host's own admin endpoints (admin.ts), tried before the routes; read per request (set once timers run). */
  admin?: () => AdminHandler | undefined;
}): Promise<HttpServerHandle> {
  const routes = httpRoutes(opts.functions, opts.routePrefix ?? DEFAULT_ROUTE_PREFIX);
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err) => {
      opts.log(`http: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) jsonError(res, 500, 'internal error');
      else res.end();
    });
  });
  // keep-alive sockets must not hold close() open.
  server.keepAliveTimeout = 1000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${opts.host}:${opts.port}`}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const admin = /^\/admin(\/|$)/i.test(url.pathname) ? opts.admin?.() : undefined;
    const adminBody = admin ? await readBody(req) : undefined;
    const answer = admin ? await admin(method, url.pathname, adminBody!) : undefined;
    if (answer) {
      res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' });
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      opts.log(`[admin] ${method} ${url.pathname} → ${answer.status}`);
      return;
    }
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (!wellEncoded(rawPath) || !wellEncoded(url.search.slice(1))) {
      jsonError(res, 400, 'malformed percent-encoding in the path or query');
      return;
    }
    const found = findRoute(routes, method, url.pathname);
    if (!found) {
      const allow = allowedMethods(routes, url.pathname);
      if (allow.length > 0)
        jsonError(res, 405, `${method} is not allowed here (allowed: ${allow.join(', ')})`, { allow: allow.join(', ') });
      else jsonError(res, 404, `no route ${url.pathname}`);
      return;
    }
    const body = adminBody ?? (await readBody(req));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      query: Object.fromEntries(url.searchParams),
      params: found.params,
      ...(body.length ? { body: { bytes: body } } : {}),
    });
    const { fn } = found.route;
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName: fn.name,
      triggerMetadata: { ...found.params },
      options: { trigger: fn.trigger as never },
      logHandler: (level, ...args) => opts.log(`[${fn.name}] ${level === 'information' ? '' : level + ': '}${args.map(String).join(' ')}`),
    });
    const started = Date.now();
    let result: unknown;
    try {
      result = await fn.handler(request, context);
    } catch (err) {
      opts.log(`[${fn.name}] failed: ${err instanceof Error ? err.stack : String(err)}`);
      jsonError(res, 500, `function ${fn.name} failed`);
      return;
    }
    const response = result instanceof HttpResponse ? result : new HttpResponse((result ?? {}) as HttpResponseInit);
    const out: Record<string, string> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    res.writeHead(response.status, out);
    res.end(Buffer.from(await response.arrayBuffer()));
    opts.log(`[${fn.name}] ${method} ${url.pathname} → ${response.status} (${Date.now() - started} ms)`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
