// The app's own access check of an HTTP request, applied once by the function catalog's wrapper
// (functions/catalog.ts): who is calling (authorize), and whether that caller may use this route (checkRoute).
import type { HttpResponseInit } from '@azure/functions';

import { CLIENT_PRINCIPAL_HEADER, principalFromClientPrincipal } from './entra.js';
import type { ApiKeyRepository } from './keys.js';
import { principalOfKey } from './keys.js';
import { canSeePartner, LOCAL_OPEN, type Principal } from './principal.js';

/** How a route is protected. public: nobody checked; signed: its own signature (webhooks); key: any valid
 * caller, partner routes scoped to the caller's partners; admin: admins only. */
export type Access = 'public' | 'signed' | 'key' | 'admin';

export interface AccessOptions {
  keys: Pick<ApiKeyRepository, 'find'>;
  /** false only locally with LOCAL_REQUIRE_KEYS unset: every caller is LOCAL_OPEN. */
  requireKeys: boolean;
  /** Read x-ms-client-principal (only on Azure with App Service authentication on). */
  trustClientPrincipal: boolean;
}

export type AccessResult = { ok: true; principal: Principal } | { ok: false; response: HttpResponseInit };

interface RequestLike {
  headers: { get(name: string): string | null };
}

export const unauthorized = (error: string): HttpResponseInit => ({
  status: 401,
  jsonBody: { error },
  headers: { 'www-authenticate': 'Bearer realm="designation-tracker"' },
});
export const forbidden = (error: string): HttpResponseInit => ({ status: 403, jsonBody: { error } });

/** The key a request carries: `x-functions-key: KEY` or `Authorization: Bearer KEY`. */
export function keyOf(request: RequestLike): string | undefined {
  const header = request.headers.get('x-functions-key')?.trim();
  if (header) return header;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return bearer?.[1];
}

/** Who is calling: a key (one point read), else an Entra sign-in where trusted, else 401. */
export function createAuthorizer(options: AccessOptions) {
  return async function authorize(request: RequestLike): Promise<AccessResult> {
    if (!options.requireKeys) return { ok: true, principal: LOCAL_OPEN };
    const key = keyOf(request);
    if (key !== undefined) {
      const doc = await options.keys.find(key);
      if (!doc) return { ok: false, response: unauthorized('unknown API key') };
      if (doc.revokedAt) return { ok: false, response: unauthorized('the API key was revoked') };
      return { ok: true, principal: principalOfKey(doc) };
    }
    const header = options.trustClientPrincipal ? request.headers.get(CLIENT_PRINCIPAL_HEADER) : null;
    if (header) {
      const principal = principalFromClientPrincipal(header);
      if (principal) return { ok: true, principal };
    }
    return { ok: false, response: unauthorized('an API key is required (x-functions-key or Authorization: Bearer)') };
  };
}
export type Authorize = ReturnType<typeof createAuthorizer>;

/** The route's rule for this principal: admin-only routes need an admin; `{partnerId}` must be one of the caller's. */
export function checkRoute(
  access: Access,
  principal: Principal,
  params: Readonly<Record<string, string | undefined>>,
): HttpResponseInit | undefined {
  if (access === 'admin' && !principal.admin) return forbidden('this route is for admins only (a key made with keys create --admin)');
  const partnerId = params.partnerId;
  if (partnerId !== undefined && !canSeePartner(principal, partnerId)) {
    return forbidden(`not allowed to see partner ${JSON.stringify(partnerId)}`);
  }
  return undefined;
}
