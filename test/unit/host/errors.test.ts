// Issue 11 §9: every error is JSON { error } with the right status — in the local host (unknown route 404,
// wrong method 405 with Allow, malformed percent-encoding 400, a throwing function 500) and in the app's
// catalog wrapper (an unexpected throw → 500; a dependency's outage → 503), and GET /api/imports/{id}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import type { RegisteredFunction } from '../../../devtools/host/fake-core.js';
import { type HttpServerHandle, startHttpServer } from '../../../devtools/host/http.js';
import { type CatalogEntry, dependencyFailure, type HttpRoot, invokeHttp } from '../../../functions/catalog.js';
import { listImportsHandler } from '../../../shared/handlers/listImports.js';
import { MemoryStore, withRepos } from '../../support/memory-store.js';

const fn = (name: string, route: string, methods: string[], handler: RegisteredFunction['handler']): RegisteredFunction => ({
  name,
  bindings: {},
  trigger: { name: 'req', type: 'httpTrigger', direction: 'in', route, methods },
  handler,
});

describe('the local host answers errors as JSON', () => {
  let server: HttpServerHandle;
  beforeAll(async () => {
    server = await startHttpServer({
      functions: [
        fn('detail', 'api/partners/{partnerId}', ['GET'], async (req) => ({
          jsonBody: { id: (req as { params: Record<string, string> }).params.partnerId },
        })),
        fn('boom', 'api/boom', ['GET'], async () => {
          throw new Error('boom');
        }),
      ],
      port: 0,
      host: '127.0.0.1',
      log: () => undefined,
      routePrefix: '',
    });
  });
  afterAll(() => server.close());

  const get = async (path: string, method = 'GET') => {
    const res = await fetch(`${server.url}${path}`, { method });
    return {
      status: res.status,
      allow: res.headers.get('allow'),
      type: res.headers.get('content-type'),
      body: (await res.json()) as { error?: string; id?: string },
    };
  };

  it('unknown route → 404 JSON', async () => {
    const r = await get('/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.type).toMatch(/json/);
    expect(r.body.error).toMatch(/no route/);
  });

  it('wrong method → 405 with Allow', async () => {
    const r = await get('/api/partners/41', 'DELETE');
    expect(r.status).toBe(405);
    expect(r.allow).toBe('GET');
    expect(r.body.error).toMatch(/DELETE/);
  });

  it('malformed percent-encoding in the path or query → 400 JSON; well-formed is decoded', async () => {
    expect((await get('/api/partners/%E0%A4%A')).status).toBe(400);
    expect((await get('/api/partners/%ZZ')).status).toBe(400);
    expect((await get('/api/partners/41?q=%')).status).toBe(400);
    expect(await get('/api/partners/a%20b')).toMatchObject({ status: 200, body: { id: 'a b' } });
  });

  it('a throwing function → 500 JSON', async () => {
    const r = await get('/api/boom');
    expect(r.status).toBe(500);
    expect(r.body.error).toMatch(/boom/);
  });
});

describe('the catalog wrapper answers an unexpected throw as JSON', () => {
  const entry = (thrown: unknown): Extract<CatalogEntry, { kind: 'http' }> => ({
    kind: 'http',
    name: 'health',
    methods: ['GET'],
    route: 'api/health',
    access: 'public',
    pick: () => async () => {
      throw thrown;
    },
  });
  const root = { authorize: async () => ({ ok: false }), handlers: {} } as unknown as HttpRoot;
  const call = (thrown: unknown) =>
    invokeHttp(
      entry(thrown),
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }) as never,
      new InvocationContext() as never,
      root,
    );

  it('a bug → 500 { error }', async () => {
    const r = await call(new TypeError('x is undefined'));
    expect(r.status).toBe(500);
    expect(r.jsonBody).toMatchObject({ error: expect.stringMatching(/internal error/) });
  });

  it.each([
    [Object.assign(new Error('Request rate is large'), { code: 429 })],
    [Object.assign(new Error('Service Unavailable'), { code: 503 })],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), { code: 'ECONNREFUSED' })],
    [new Error('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })],
    [Object.assign(new Error('unavailable'), { name: 'ServiceBusError', code: 'ServiceUnavailable' })],
  ])('a dependency outage (%s) → 503 { error }', async (err) => {
    expect(dependencyFailure(err)).not.toBeNull();
    const r = await call(err);
    expect(r.status).toBe(503);
    expect(r.jsonBody).toMatchObject({ error: expect.stringMatching(/unavailable/) });
  });

  it('a Cosmos 404/409 is not a dependency outage', () => {
    expect(dependencyFailure(Object.assign(new Error('conflict'), { code: 409 }))).toBeNull();
  });
});

describe('GET /api/imports/{id}', () => {
  it('an id that is not an id → 400 JSON, not a thrown lookup', async () => {
    const handler = listImportsHandler(withRepos(new MemoryStore()));
    for (const id of ['x\ud800', 'a/b', 'y'.repeat(300)]) {
      const r = await handler(
        new HttpRequest({ method: 'GET', url: 'http://localhost/api/imports/x', params: { id } }) as never,
        new InvocationContext() as never,
      );
      expect(r.status, id.slice(0, 10)).toBe(400);
      expect((r.jsonBody as { error: string }).error).toMatch(/^id: /);
    }
    const missing = await handler(
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/imports/imp-1', params: { id: 'imp-1' } }) as never,
      new InvocationContext() as never,
    );
    expect(missing.status).toBe(404);
  });
});
