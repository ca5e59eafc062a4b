// Entra ID sign-in through App Service authentication (Easy Auth): App Service validates the sign-in and
// passes the user's claims in `x-ms-client-principal` (base64 JSON `{ auth_typ, claims: [{ typ, val }],
// name_typ, role_typ }`). The app reads the app roles from it:
//   DesignationTracker.Admin               → admin (every partner, imports, operations)
//   DesignationTracker.Partner.<partnerId> → that partner (one role per partner)
// Trust it only where App Service strips client-sent copies (on Azure with authentication on); authorize.ts decides.
import type { Principal } from './principal.js';

export const CLIENT_PRINCIPAL_HEADER = 'x-ms-client-principal';
export const ADMIN_ROLE = 'DesignationTracker.Admin';
export const PARTNER_ROLE_PREFIX = 'DesignationTracker.Partner.';
/** Claim types App Service uses for app roles (`roles` from Entra ID tokens, or the principal's role_typ). */
const ROLE_CLAIM_TYPES = ['roles', 'role', 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role'];

/** The principal the header describes; undefined when it is not a readable client principal. */
export function principalFromClientPrincipal(header: string): Principal | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { claims, role_typ } = parsed as { claims?: unknown; role_typ?: unknown };
  if (!Array.isArray(claims)) return undefined;
  const roleTypes = new Set([...ROLE_CLAIM_TYPES, ...(typeof role_typ === 'string' ? [role_typ] : [])]);
  const roles = claims
    .filter((c): c is { typ: string; val: string } => typeof c?.typ === 'string' && typeof c?.val === 'string')
    .filter((c) => roleTypes.has(c.typ))
    .map((c) => c.val.trim());
  if (roles.includes(ADMIN_ROLE)) return { admin: true, partners: null, keyId: null, via: 'entra' };
  const partners = roles
    .filter((r) => r.startsWith(PARTNER_ROLE_PREFIX) && r.length > PARTNER_ROLE_PREFIX.length)
    .map((r) => r.slice(PARTNER_ROLE_PREFIX.length));
  // Signed in without a role of this app: known, but sees no partner.
  return { admin: false, partners: new Set(partners), keyId: null, via: 'entra' };
}
