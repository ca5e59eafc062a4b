// Who is calling (authorize: key header, bearer, revoked, Entra header only where trusted) and whether the
// caller may use a route (checkRoute: admin routes, {partnerId} scoping).
import { describe, expect, it } from 'vitest';

import { checkRoute, createAuthorizer, keyOf } from '../../../shared/access/authorize.js';
import { ADMIN_ROLE, principalFromClientPrincipal } from '../../../shared/access/entra.js';
import { ApiKeyRepository, generateKey } from '../../../shared/access/keys.js';
import { canSeePartner, describePrincipal, LOCAL_OPEN, partnerFilter, type Principal } from '../../../shared/access/principal.js';
import { MemoryStore } from '../../support/memory-store.js';

const now = new Date('2026-11-21T10:00:00Z');
const request = (headers: Record<string, string>) => ({ headers: new Headers(headers) });
const clientPrincipal = (claims: { typ: string; val: string }[], extra: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ auth_typ: 'aad', claims, name_typ: 'name', role_typ: 'roles', ...extra })).toString('base64');

async function setup(options: { requireKeys?: boolean; trustClientPrincipal?: boolean } = {}) {
  const store = new MemoryStore();
  const repo = new ApiKeyRepository(store, store.repos.apiKeys);
  const admin = await repo.create({ partners: [], admin: true }, now);
  const partner = await repo.create({ partners: ['4100003', '4100004'], admin: false }, now);
  const authorize = createAuthorizer({
    keys: repo,
    requireKeys: options.requireKeys ?? true,
    trustClientPrincipal: options.trustClientPrincipal ?? false,
  });
  return { repo, admin, partner, authorize };
}

describe('authorize', () => {
  it('accepts a key in x-functions-key or as a Bearer token', async () => {
    const { admin, partner, authorize } = await setup();
    expect(await authorize(request({ 'x-functions-key': admin.key }))).toEqual({
      ok: true,
      principal: { admin: true, partners: null, keyId: admin.doc.id, via: 'key' },
    });
    const bearer = await authorize(request({ authorization: `Bearer ${partner.key}` }));
    expect(bearer).toEqual({
      ok: true,
      principal: { admin: false, partners: new Set(['4100003', '4100004']), keyId: partner.doc.id, via: 'key' },
    });
    expect(keyOf(request({ authorization: `bearer  ${partner.key} ` }))).toBe(partner.key);
    expect(keyOf(request({ authorization: `Basic abc` }))).toBeUndefined();
  });

  it('answers 401 { error } without a key, for an unknown key and for a revoked key (at once)', async () => {
    const { repo, partner, authorize } = await setup();
    for (const headers of [
      {} as Record<string, string>,
      { 'x-functions-key': generateKey() },
      { 'x-functions-key': 'garbage' },
      { authorization: 'Bearer ' },
    ]) {
      const r = await authorize(request(headers));
      expect(r.ok, JSON.stringify(headers)).toBe(false);
      if (!r.ok) {
        expect(r.response.status).toBe(401);
        expect(r.response.jsonBody).toEqual({ error: expect.any(String) });
      }
    }
    expect((await authorize(request({ 'x-functions-key': partner.key }))).ok).toBe(true);
    await repo.revoke(partner.key, now);
    const after = await authorize(request({ 'x-functions-key': partner.key }));
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.response).toMatchObject({ status: 401, jsonBody: { error: 'the API key was revoked' } });
  });

  it('with key checks off (local default), everyone is LOCAL_OPEN: an admin, via local-open', async () => {
    const { authorize } = await setup({ requireKeys: false });
    expect(await authorize(request({}))).toEqual({ ok: true, principal: LOCAL_OPEN });
    expect(describePrincipal(LOCAL_OPEN)).toEqual({ admin: true, partners: null, via: 'local-open' });
  });

  it('reads x-ms-client-principal only where trusted (Azure with App Service authentication)', async () => {
    const admin = clientPrincipal([{ typ: 'roles', val: ADMIN_ROLE }]);
    const off = await setup({ trustClientPrincipal: false });
    const ignored = await off.authorize(request({ 'x-ms-client-principal': admin }));
    expect(ignored.ok).toBe(false);
    if (!ignored.ok) expect(ignored.response.status).toBe(401);

    const on = await setup({ trustClientPrincipal: true });
    expect(await on.authorize(request({ 'x-ms-client-principal': admin }))).toEqual({
      ok: true,
      principal: { admin: true, partners: null, keyId: null, via: 'entra' },
    });
    // A key, when sent, decides (an unknown key is 401 even with a sign-in).
    const both = await on.authorize(request({ 'x-ms-client-principal': admin, 'x-functions-key': generateKey() }));
    expect(both.ok).toBe(false);
    // An unreadable header is no sign-in.
    expect((await on.authorize(request({ 'x-ms-client-principal': 'not base64 json' }))).ok).toBe(false);
  });
});

describe('principalFromClientPrincipal', () => {
  it('maps DesignationTracker.Admin to admin and DesignationTracker.Partner.<id> to partners', () => {
    expect(principalFromClientPrincipal(clientPrincipal([{ typ: 'roles', val: ADMIN_ROLE }]))).toMatchObject({
      admin: true,
      partners: null,
    });
    const p = principalFromClientPrincipal(
      clientPrincipal([
        { typ: 'name', val: 'Ann' },
        { typ: 'roles', val: 'DesignationTracker.Partner.4100003' },
        { typ: 'roles', val: 'DesignationTracker.Partner.4100005' },
        { typ: 'roles', val: 'SomeOtherApp.Admin' },
        { typ: 'groups', val: ADMIN_ROLE },
      ]),
    );
    expect(p).toEqual({ admin: false, partners: new Set(['4100003', '4100005']), keyId: null, via: 'entra' });
  });

  it('reads roles under the principal role_typ too, and a sign-in without roles sees no partner', () => {
    const roleTyp = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';
    expect(principalFromClientPrincipal(clientPrincipal([{ typ: roleTyp, val: ADMIN_ROLE }], { role_typ: roleTyp }))?.admin).toBe(true);
    expect(principalFromClientPrincipal(clientPrincipal([{ typ: 'name', val: 'Ann' }]))).toEqual({
      admin: false,
      partners: new Set(),
      keyId: null,
      via: 'entra',
    });
    expect(principalFromClientPrincipal(Buffer.from('{"claims":"x"}').toString('base64'))).toBeUndefined();
  });
});

describe('checkRoute', () => {
  const partnerKey: Principal = { admin: false, partners: new Set(['4100003']), keyId: 'k', via: 'key' };
  const admin: Principal = { admin: true, partners: null, keyId: 'a', via: 'key' };

  it('lets a partner key reach its own partner and answers 403 { error } for another', () => {
    expect(checkRoute('key', partnerKey, { partnerId: '4100003' })).toBeUndefined();
    expect(checkRoute('key', partnerKey, { partnerId: ' 4100003 ' })).toBeUndefined();
    expect(checkRoute('key', partnerKey, { partnerId: '4100004' })).toEqual({
      status: 403,
      jsonBody: { error: expect.stringContaining('4100004') },
    });
    expect(checkRoute('key', partnerKey, {})).toBeUndefined();
    expect(checkRoute('key', admin, { partnerId: '4100004' })).toBeUndefined();
  });

  it('keeps admin routes to admins', () => {
    expect(checkRoute('admin', partnerKey, {})).toMatchObject({ status: 403 });
    expect(checkRoute('admin', admin, {})).toBeUndefined();
    expect(checkRoute('admin', LOCAL_OPEN, {})).toBeUndefined();
  });

  it('gives list handlers the partner filter: undefined for admins, the sorted ids otherwise', () => {
    expect(partnerFilter(admin)).toBeUndefined();
    expect(partnerFilter({ ...partnerKey, partners: new Set(['b', 'a']) })).toEqual(['a', 'b']);
    expect(canSeePartner(partnerKey, '4100003')).toBe(true);
    expect(canSeePartner(partnerKey, '4100004')).toBe(false);
    expect(describePrincipal({ ...partnerKey, partners: new Set(['b', 'a']) })).toEqual({ admin: false, partners: ['a', 'b'], via: 'key' });
  });
});
