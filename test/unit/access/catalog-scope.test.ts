// The catalog wrapper applies the access check to EVERY HTTP route of functions/index.ts, so a new route cannot
// slip through: each route is invoked here through invokeHttp with fake handlers and a memory key store.
import { beforeAll, describe, expect, it } from 'vitest';

import { HttpRequest, InvocationContext } from '../../../devtools/host/azure-functions.js';
import { installFakeCore } from '../../../devtools/host/fake-core.js';
import type { CatalogEntry, HttpRoot } from '../../../functions/catalog.js';
import { createAuthorizer } from '../../../shared/access/authorize.js';
import { ApiKeyRepository } from '../../../shared/access/keys.js';
import { LOCAL_OPEN, NOBODY, type Principal } from '../../../shared/access/principal.js';
import type { Handlers } from '../../../shared/handlers/index.js';
import { MemoryStore } from '../../support/memory-store.js';

type HttpEntry = Extract<CatalogEntry, { kind: 'http' }>;
let entries: HttpEntry[];
let invokeHttp: typeof import('../../../functions/catalog.js').invokeHttp;

beforeAll(async () => {
  installFakeCore();
  const catalog = await import('../../../functions/index.js');
  ({ invokeHttp } = await import('../../../functions/catalog.js'));
  entries = catalog.CATALOG.filter((e): e is HttpEntry => e.kind === 'http');
});

const now = new Date('2026-11-21T10:00:00Z');

/**
 * Every handler answers 200 and records its third argument: the principal (listPartners gets the partner
 * filter made of it instead, in the catalog line).
 */
function fakeHandlers(reached: Map<string, Principal>): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, name) => async (_req: unknown, _ctx: unknown, third: Principal | { onlyPartners?: readonly string[] }) => {
      const principal: Principal =
        'via' in third
          ? third
          : third.onlyPartners
            ? { admin: false, partners: new Set(third.onlyPartners), keyId: null, via: 'key' }
            : { ...LOCAL_OPEN, via: 'key' };
      reached.set(String(name), principal);
      return { status: 200, jsonBody: { handler: String(name) } };
    },
  });
}

/** Route parameters for a template: {partnerId} = the given id, others a plain value. */
function paramsOf(route: string, partnerId: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of route.matchAll(/\{\*?(\w+)(?::[^}?]+)?\??\}/g)) params[m[1]!] = m[1] === 'partnerId' ? partnerId : 'x1';
  return params;
}

async function setup(requireKeys = true) {
  const store = new MemoryStore();
  const repo = new ApiKeyRepository(store, store.repos.apiKeys);
  const admin = await repo.create({ partners: [], admin: true }, now);
  const partner = await repo.create({ partners: ['4100003'], admin: false }, now);
  const reached = new Map<string, Principal>();
  const root: HttpRoot = {
    authorize: createAuthorizer({ keys: repo, requireKeys, trustClientPrincipal: false }),
    handlers: fakeHandlers(reached),
  };
  const call = async (e: HttpEntry, partnerId: string, headers: Record<string, string> = {}) => {
    reached.clear();
    const request = new HttpRequest({ method: e.methods[0]!, url: 'http://localhost/x', headers, params: paramsOf(e.route, partnerId) });
    const context = new InvocationContext({ functionName: e.name });
    const response = await invokeHttp(e, request, context, root);
    return {
      status: response.status ?? 200,
      body: response.jsonBody as Record<string, unknown>,
      reached: reached.size > 0,
      principal: [...reached.values()][0],
    };
  };
  return { admin, partner, call };
}

describe('the catalog wrapper checks every HTTP route', () => {
  it("lists only a partner key's partners (the cross-partner lists get onlyPartners from the principal)", async () => {
    const { admin, partner, call } = await setup();
    for (const name of ['listPartners', ...entries.filter((e) => e.route === 'api/partners/summary').map((e) => e.name)]) {
      const list = entries.find((e) => e.name === name)!;
      expect((await call(list, '', { 'x-functions-key': partner.key })).principal?.partners, name).toEqual(new Set(['4100003']));
      expect((await call(list, '', { 'x-functions-key': admin.key })).principal?.partners, name).toBeNull();
    }
  });

  it('knows the partner routes it must scope (a route with {partnerId})', () => {
    const scoped = entries.filter((e) => e.route.includes('{partnerId')).map((e) => e.name);
    expect(scoped).toEqual(
      expect.arrayContaining([
        'getPartner',
        'getPartnerExplanations',
        'getPartnerHistory',
        'getPartnerRecommendations',
        'getPartnerForecast',
        'listClaims',
        'getClaim',
      ]),
    );
    for (const e of entries.filter((x) => x.route.includes('{partnerId'))) expect(['key', 'admin'], e.name).toContain(e.access);
  });

  it('answers 403 { error } to a partner key on another partner, on every {partnerId} route, before the handler', async () => {
    const { partner, call } = await setup();
    const scoped = entries.filter((e) => e.route.includes('{partnerId'));
    expect(scoped.length).toBeGreaterThanOrEqual(7);
    for (const e of scoped) {
      const other = await call(e, '4100004', { 'x-functions-key': partner.key });
      expect(other.status, e.name).toBe(403);
      expect(other.body, e.name).toEqual({ error: expect.any(String) });
      expect(other.reached, e.name).toBe(false);
      if (e.access === 'key') {
        const own = await call(e, '4100003', { authorization: `Bearer ${partner.key}` });
        expect(own.status, e.name).toBe(200);
        expect(own.principal?.partners, e.name).toEqual(new Set(['4100003']));
      }
    }
  });

  it('answers 401 without a key on every key and admin route, and never on public and signed ones', async () => {
    const { call } = await setup();
    for (const e of entries) {
      const r = await call(e, '4100003');
      if (e.access === 'public' || e.access === 'signed') {
        expect(r.status, e.name).toBe(200);
        expect(r.principal, e.name).toBe(NOBODY);
      } else {
        expect(r.status, e.name).toBe(401);
        expect(r.reached, e.name).toBe(false);
      }
    }
  });

  it('keeps admin routes (imports, operations) from partner keys and lets the admin key through everywhere', async () => {
    const { admin, partner, call } = await setup();
    const adminOnly = entries.filter((e) => e.access === 'admin');
    expect(adminOnly.map((e) => e.name)).toContain('listImports');
    for (const e of adminOnly) expect((await call(e, '4100003', { 'x-functions-key': partner.key })).status, e.name).toBe(403);
    for (const e of entries.filter((x) => x.access === 'key' || x.access === 'admin')) {
      const r = await call(e, '4100004', { 'x-functions-key': admin.key });
      expect(r.status, e.name).toBe(200);
      expect(r.principal, e.name).toMatchObject({ admin: true, partners: null });
    }
  });

  it('lets everything through as LOCAL_OPEN when key checks are off (the local default)', async () => {
    const { call } = await setup(false);
    for (const e of entries.filter((x) => x.access === 'key' || x.access === 'admin')) {
      const r = await call(e, '4100004');
      expect(r.status, e.name).toBe(200);
      expect(r.principal, e.name).toMatchObject({ admin: true, partners: null });
    }
  });
});
