import { describe, expect, it } from 'vitest';

import type { RegisteredFunction } from '../../../devtools/host/fake-core.js';
import { comparePrecedence, compileRoute, findRoute, httpRoutes, routePrecedence, routePrefixOf } from '../../../devtools/host/http.js';

describe('compileRoute (Functions route templates)', () => {
  it('matches literal routes, case-insensitively, with or without a trailing slash', () => {
    const m = compileRoute('health');
    expect(m('/health')).toEqual({});
    expect(m('/Health/')).toEqual({});
    expect(m('/healthz')).toBeUndefined();
  });

  it('captures {params}, optional {params?} and constraints', () => {
    const m = compileRoute('partners/{partnerId}/claims/{claimId:int?}');
    expect(m('/partners/p%201/claims/42')).toEqual({ partnerId: 'p 1', claimId: '42' });
    expect(m('/partners/p1/claims')).toEqual({ partnerId: 'p1' });
    expect(m('/partners/claims')).toBeUndefined();
  });

  it('captures a catch-all {*rest}', () => {
    expect(compileRoute('files/{*rest}')('/files/a/b/c.csv')).toEqual({ rest: 'a/b/c.csv' });
  });
});

describe('route prefix and precedence (as the Functions host with host.json)', () => {
  const fn = (name: string, route: string, methods = ['GET']): RegisteredFunction => ({
    name,
    bindings: {},
    trigger: { name: 'req', type: 'httpTrigger', direction: 'in', route, methods },
    handler: async () => ({}),
  });
  const take = (routes: ReturnType<typeof httpRoutes>, method: string, path: string) => findRoute(routes, method, path)?.route.fn.name;

  it('reads extensions.http.routePrefix, `api` when absent, slashes trimmed', () => {
    expect(routePrefixOf({ extensions: { http: { routePrefix: '' } } })).toBe('');
    expect(routePrefixOf({ extensions: { http: { routePrefix: '/v1/' } } })).toBe('v1');
    expect(routePrefixOf({ extensions: { serviceBus: {} } })).toBe('api');
    expect(routePrefixOf({})).toBe('api');
  });

  it('prefixes every route with it', () => {
    const withApi = httpRoutes([fn('health', 'health')]);
    expect(take(withApi, 'GET', '/api/health')).toBe('health');
    expect(take(withApi, 'GET', '/health')).toBeUndefined();
    const bare = httpRoutes([fn('health', 'api/health')], '');
    expect(take(bare, 'GET', '/api/health')).toBe('health');
    expect(take(bare, 'GET', '/api/api/health')).toBeUndefined();
  });

  it('prefers literal segments over parameters and tries catch-alls last, whatever the registration order', () => {
    const routes = httpRoutes(
      [
        fn('page', '{*path}'),
        fn('detail', 'api/partners/{partnerId}'),
        fn('summary', 'api/partners/summary'),
        fn('list', 'api/partners'),
        fn('claim', 'api/claims/{partnerId}/{claimId}'),
        fn('claimEvents', 'api/claims/events', ['POST']),
        fn('claims', 'api/claims/{partnerId}'),
        fn('numbered', 'api/n/{id:int}'),
        fn('named', 'api/n/{id}'),
      ],
      '',
    );
    expect(take(routes, 'GET', '/api/partners/summary')).toBe('summary');
    expect(take(routes, 'GET', '/api/partners/4100003')).toBe('detail');
    expect(take(routes, 'GET', '/api/partners')).toBe('list');
    expect(take(routes, 'POST', '/api/claims/events')).toBe('claimEvents');
    // The literal route does not take GET: the next route by precedence does, as on Azure.
    expect(take(routes, 'GET', '/api/claims/events')).toBe('claims');
    expect(take(routes, 'GET', '/api/n/12')).toBe('numbered');
    expect(take(routes, 'GET', '/api/n/twelve')).toBe('named');
    expect(take(routes, 'GET', '/')).toBe('page');
    expect(take(routes, 'GET', '/app.js')).toBe('page');
    expect(take(routes, 'GET', '/api/unknown/route')).toBe('page');
    expect(routes.at(-1)!.fn.name).toBe('page');
  });

  it('ranks segments as ASP.NET Core does: literal 1, constrained 2, parameter 3, constrained catch-all 4, catch-all 5', () => {
    expect(routePrecedence('api/partners/{partnerId}/{x:int}/{*rest}')).toEqual([1, 1, 3, 2, 5]);
    expect(routePrecedence('files/{*rest:minlength(1)}')).toEqual([1, 4]);
    expect(routePrecedence('a/x{id}')).toEqual([1, 2]);
    expect(comparePrecedence('api/partners', 'api/partners/{partnerId}')).toBeLessThan(0);
  });
});
