// The OpenAPI description against the one function catalog: every catalog HTTP route and method is
// described (by its function), every described path and method is a catalog route, and the document has
// the error body, the security schemes and valid internal references.
import { describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { CATALOG } from '../../../functions/index.js';
import { API_OPERATIONS, openApiDocument, UNDESCRIBED_ROUTES } from '../../../shared/api/openapi.js';
import { QUEUE_OF_FUNCTION } from '../../../shared/api/operations.js';
import { openApiHandler } from '../../../shared/handlers/openapi.js';

/** A catalog route without the `api/` prefix, optional segments expanded: `imports/{id?}` → imports, imports/{id}. */
function expand(route: string): string[] {
  const bare = route.replace(/^\/?api\//, '').replace(/^\/+/, '');
  const optional = /\/\{(\w+)\?\}$/.exec(bare);
  return optional ? [bare.slice(0, optional.index), `${bare.slice(0, optional.index)}/{${optional[1]}}`] : [bare];
}

type HttpEntry = Extract<(typeof CATALOG)[number], { kind: 'http' }>;
const httpEntries = CATALOG.filter((e): e is HttpEntry => e.kind === 'http');
const catalogOps = httpEntries
  .filter((e) => !(e.route in UNDESCRIBED_ROUTES))
  .flatMap((e) =>
    expand(e.route).flatMap((path) => e.methods.map((m) => ({ path, method: m.toLowerCase(), name: e.name, access: e.access }))),
  );
const described = Object.entries(API_OPERATIONS).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method, name: op.operationId, access: op.access })),
);

describe('OpenAPI description', () => {
  it('describes every catalog HTTP route and method, by the function that serves it, with its access', () => {
    expect(catalogOps.length).toBeGreaterThan(10);
    for (const op of catalogOps) {
      expect(described, `${op.method.toUpperCase()} ${op.path} (${op.name})`).toContainEqual(op);
    }
  });

  it('describes nothing that is not in the catalog', () => {
    for (const op of described) expect(catalogOps, `${op.method.toUpperCase()} ${op.path}`).toContainEqual(op);
    expect(described).toHaveLength(catalogOps.length);
  });

  it('leaves out only the routes it gives a reason for, and they are in the catalog', () => {
    for (const route of Object.keys(UNDESCRIBED_ROUTES)) expect(httpEntries.map((e) => e.route)).toContain(route);
  });

  it('is OpenAPI 3.1 with the error body, both security schemes, /api/ paths and resolvable references', async () => {
    const res = await openApiHandler()(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/openapi.json' }),
      new InvocationContext(),
    );
    expect(res.status).toBe(200);
    const doc = res.jsonBody as ReturnType<typeof openApiDocument> & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toEqual({
      functionKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-functions-key' }),
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(doc.components.schemas.Error).toMatchObject({
      required: ['error'],
      properties: { error: { type: 'string' }, parameter: { type: 'string' } },
    });
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/'))).toBe(true);
    const list = doc.paths['/api/partners'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(['status', 'area', 'q', 'sort', 'limit', 'continuation']);
    expect(Object.keys(list.responses).sort()).toEqual(['200', '400', '401', '403']);
    expect(Object.keys(doc.paths['/api/partners/{partnerId}/mails'].get.responses)).toContain('404');
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/operations/dead-letters'].get['x-access']).toBe('admin');
    const ids = Object.values(doc.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId: string }>).map((o) => o.operationId),
    );
    expect(new Set(ids).size).toBe(ids.length);
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
  });

  it('names the queue of every Service Bus function of the catalog (rejected messages show it)', () => {
    const queues = Object.fromEntries(
      CATALOG.filter((e) => e.kind === 'serviceBus').map((e) => [e.name, (e as { queueName: string }).queueName]),
    );
    expect(QUEUE_OF_FUNCTION).toEqual(queues);
  });
});
