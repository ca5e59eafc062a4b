// The local host's HTTP trigger server: routes, methods, params, query, JSON body, the handler's response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HttpResponse } from '../../../devtools/host/azure-functions.js';
import type { RegisteredFunction } from '../../../devtools/host/fake-core.js';
import { type HttpServerHandle, startHttpServer } from '../../../devtools/host/http.js';

function httpFunction(name: string, route: string, methods: string[], handler: RegisteredFunction['handler']): RegisteredFunction {
  return { name, bindings: {}, trigger: { name: 'req', type: 'httpTrigger', direction: 'in', route, methods }, handler };
}

let server: HttpServerHandle;
const lines: string[] = [];

beforeAll(async () => {
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    log: (l) => lines.push(l),
    functions: [
      httpFunction('echo', 'partners/{partnerId}/things/{thing?}', ['POST', 'GET'], async (...args: unknown[]) => {
        const req = args[0] as {
          method: string;
          params: Record<string, string>;
          query: URLSearchParams;
          headers: Headers;
          text(): Promise<string>;
        };
        const body = req.method === 'POST' ? JSON.parse(await req.text()) : null;
        return {
          status: 201,
          headers: { 'x-partner': req.params.partnerId ?? '' },
          jsonBody: { params: req.params, q: req.query.get('q'), body, ct: req.headers.get('content-type') },
        };
      }),
      httpFunction('native', 'native', ['GET'], async () => new HttpResponse({ status: 204 })),
      httpFunction('boom', 'boom', ['GET'], async () => {
        throw new Error('kaput');
      }),
    ],
  });
});
afterAll(() => server.close());

describe('local HTTP triggers', () => {
  it('passes route params, query, headers and JSON body, and returns the HttpResponseInit', async () => {
    const res = await fetch(`${server.url}/api/partners/p-1/things/t%202?q=yes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-partner')).toBe('p-1');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ params: { partnerId: 'p-1', thing: 't 2' }, q: 'yes', body: { a: 1 }, ct: 'application/json' });
  });

  it('matches an optional parameter left out', async () => {
    const res = await fetch(`${server.url}/api/partners/p-2/things`);
    expect(((await res.json()) as { params: unknown }).params).toEqual({ partnerId: 'p-2' });
  });

  it('accepts an HttpResponse instance', async () => {
    expect((await fetch(`${server.url}/api/native`)).status).toBe(204);
  });

  it('answers a JSON 404 off /api and for unknown routes, and 405 with Allow for a method the route does not take', async () => {
    expect((await fetch(`${server.url}/partners/p/things`)).status).toBe(404);
    const unknown = await fetch(`${server.url}/api/unknown`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: expect.any(String) });
    const wrongMethod = await fetch(`${server.url}/api/native`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toContain('GET');
  });

  it('answers 500 when the handler throws, and logs why', async () => {
    expect((await fetch(`${server.url}/api/boom`)).status).toBe(500);
    expect(lines.some((l) => l.includes('[boom] failed') && l.includes('kaput'))).toBe(true);
  });
});

describe('with host.json routePrefix "" (routes written whole) and a catch-all page route', () => {
  let bare: HttpServerHandle;
  beforeAll(async () => {
    const name = (n: string) => async () => ({ status: 200, jsonBody: { n } });
    bare = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      log: () => {},
      routePrefix: '',
      functions: [
        // Registered first, tried last: catch-alls come after every literal and parameter route.
        httpFunction('page', '{*path}', ['GET'], async (...args: unknown[]) => ({
          status: 200,
          jsonBody: { n: 'page', path: (args[0] as { params: Record<string, string> }).params.path ?? '' },
        })),
        httpFunction('detail', 'api/partners/{partnerId}', ['GET'], name('detail')),
        httpFunction('summary', 'api/partners/summary', ['GET'], name('summary')),
      ],
    });
  });
  afterAll(() => bare.close());

  it('serves api/ routes as written, literals before parameters, and everything else to the page', async () => {
    const at = async (path: string) => (await (await fetch(`${bare.url}${path}`)).json()) as { n: string; path?: string };
    expect((await at('/api/partners/summary')).n).toBe('summary');
    expect((await at('/api/partners/4100003')).n).toBe('detail');
    expect(await at('/')).toEqual({ n: 'page', path: '' });
    expect(await at('/assets/app.js')).toEqual({ n: 'page', path: 'assets/app.js' });
    expect((await fetch(`${bare.url}/api/partners/4100003`, { method: 'POST' })).status).toBe(405);
  });
});
