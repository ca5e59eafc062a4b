// Who is calling the HTTP API, as the app sees it after its own checks (authorize.ts). Pure.

export interface Principal {
  /** Sees every partner and the admin-only routes (imports, operations). */
  admin: boolean;
  /** The partner ids this caller may see; null = every partner (admins). */
  partners: ReadonlySet<string> | null;
  /** The key's id (the sha256 hex of the key), when the caller sent a key. */
  keyId: string | null;
  /**
   * How the caller was recognised: an API key, an Entra ID sign-in (App Service authentication), the local
   * host with key checks off (LOCAL_REQUIRE_KEYS unset), or not at all ('none': a public or signed route).
   */
  via: 'key' | 'entra' | 'local-open' | 'none';
}

/** Locally with key checks off: everything is open, as before keys existed. */
export const LOCAL_OPEN: Principal = Object.freeze({ admin: true, partners: null, keyId: null, via: 'local-open' });

/** What handlers of public and signed routes receive: nobody, no partner. */
export const NOBODY: Principal = Object.freeze({ admin: false, partners: new Set<string>(), keyId: null, via: 'none' });

/** May the principal see this partner? */
export function canSeePartner(principal: Principal, partnerId: string): boolean {
  return principal.admin || principal.partners === null || principal.partners.has(partnerId.trim());
}

/** The partner ids a listing must be restricted to (sorted), or undefined for all partners. */
export function partnerFilter(principal: Principal): readonly string[] | undefined {
  if (principal.admin || principal.partners === null) return undefined;
  return [...principal.partners].sort();
}

/** GET /api/me: the scope the page shows. */
export function describePrincipal(principal: Principal): { admin: boolean; partners: string[] | null; via: Principal['via'] } {
  return { admin: principal.admin, partners: partnerFilter(principal)?.slice() ?? null, via: principal.via };
}
