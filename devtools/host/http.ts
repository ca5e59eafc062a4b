// Serves the registered HTTP triggers on http://<host>:<port>/api/<route>, as the Functions host does:
// route templates with {param} and {param?}, method filtering, the real HttpRequest / HttpResponse classes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';
import { HttpRequest, HttpResponse, InvocationContext } from './azure-functions.js';
import type { RegisteredFunction } from './fake-core.js';

export interface HttpRoute {
  fn: RegisteredFunction;
  methods: string[];
  match: (path: string) => Record<string, string> | undefined;
  route: string;
}

/** Compiles a Functions route template ("partners/{id}/claims/{claimId?}") into a matcher. */
export function compileRoute(template: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) => {
      const m = /^\{(\*?)([A-Za-z_][A-Za-z0-9_]*)(?::[^}?]+)?(\?)?\}$/.exec(segment);
      if (!m) return '/' + segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[2]!);
      if (m[1]) return '(?:/(.*))?';
      return m[3] ? '(?:/([^/]+))?' : '/([^/]+)';
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
    return params;
  };
}

export function httpRoutes(functions: Iterable<RegisteredFunction>): HttpRoute[] {
  const out: HttpRoute[] = [];
  for (const fn of functions) {
    if (fn.trigger.type.toLowerCase() !== 'httptrigger') continue;
    const route = String(fn.trigger.route ?? fn.name);
    const methods = ((fn.trigger.methods as string[] | undefined) ?? ['GET', 'POST']).map((m) => m.toUpperCase());
    out.push({ fn, methods, route, match: compileRoute(route) });
  }
  return out;
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
}): Promise<HttpServerHandle> {
  const routes = httpRoutes(opts.functions);
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err) => {
      opts.log(`http: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });
  // keep-alive sockets must not hold close() open.
  server.keepAliveTimeout = 1000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `${opts.host}:${opts.port}`}`);
    const path = url.pathname.startsWith('/api/') ? url.pathname.slice(4) : url.pathname === '/api' ? '/' : undefined;
    const method = (req.method ?? 'GET').toUpperCase();
    let found: { route: HttpRoute; params: Record<string, string> } | undefined;
    if (path !== undefined) {
      for (const route of routes) {
        const params = route.match(path);
        if (params && route.methods.includes(method)) {
          found = { route, params };
          break;
        }
      }
    }
    if (!found) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = await readBody(req);
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
      res.writeHead(500, { 'content-type': 'text/plain' }).end('function failed');
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
