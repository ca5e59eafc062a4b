// A small OAuth 2.0 client for the refresh-token grant (RFC 6749 §6) against the Microsoft identity
// platform v2 endpoint, as the Partner Center Insights API needs (App+User; no app-only access):
//
//   POST {authority}/{tenantId}/oauth2/v2.0/token
//   Content-Type: application/x-www-form-urlencoded
//   grant_type=refresh_token&client_id=…&refresh_token=…&scope=https://api.partnercenter.microsoft.com/user_impersonation offline_access
//
// The answer holds access_token, expires_in (seconds) and — Entra rotates them — a new refresh_token,
// which the caller must keep and use next time. An `invalid_grant` (expired, revoked, consent withdrawn,
// password changed, MFA required) cannot be fixed by retrying: it is a GrantError saying what to do.
import { fetchWithRetry, type RetryOptions } from './http.js';

export const PARTNER_CENTER_SCOPE = 'https://api.partnercenter.microsoft.com/user_impersonation offline_access';

export interface TokenGrant {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** The rotated refresh token, when the server returned one. */
  refreshToken?: string;
}

/** The grant itself is refused: a person has to sign in again. */
export class GrantError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly action: string,
  ) {
    super(`${code}: ${description} — ${action}`);
    this.name = 'GrantError';
  }
}

const GRANT_CODES = new Set(['invalid_grant', 'interaction_required', 'consent_required', 'invalid_client', 'unauthorized_client']);

export interface RefreshRequest {
  authorityUrl: string;
  tenantId: string;
  clientId: string;
  refreshToken: string;
  scope?: string;
  /** Shown in the error's advice, e.g. where the token is kept. */
  tokenLocation?: string;
}

export async function redeemRefreshToken(req: RefreshRequest, retry: RetryOptions = {}, now: () => number = Date.now): Promise<TokenGrant> {
  const url = `${req.authorityUrl.replace(/\/+$/, '')}/${encodeURIComponent(req.tenantId)}/oauth2/v2.0/token`;
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: req.clientId,
    refresh_token: req.refreshToken,
    scope: req.scope ?? PARTNER_CENTER_SCOPE,
  });
  const started = now();
  const response = await fetchWithRetry(
    url,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: body.toString() },
    retry,
  );
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON: handled below */
  }
  if (!response.ok) {
    const code = typeof json.error === 'string' ? json.error : `HTTP ${response.status}`;
    const description =
      typeof json.error_description === 'string' ? json.error_description.split(/\r?\n/)[0]!.slice(0, 300) : text.slice(0, 200);
    if (GRANT_CODES.has(code)) {
      const where = req.tokenLocation ? ` and put it in ${req.tokenLocation}` : '';
      const action =
        code === 'invalid_client' || code === 'unauthorized_client'
          ? `check the app registration ${req.clientId} (public client flows allowed, delegated Partner Center user_impersonation permission, admin consent) in tenant ${req.tenantId}`
          : `the refresh token is invalid or expired: a user with the Executive report viewer role must sign in again to get a new refresh token (README, "Partner Center Insights connector")${where}`;
      throw new GrantError(code, description, action);
    }
    throw new Error(`token endpoint answered ${code}${description ? `: ${description}` : ''}`);
  }
  if (typeof json.access_token !== 'string' || json.access_token === '') throw new Error('token endpoint answered without an access_token');
  const expiresIn = Number(json.expires_in ?? 3600);
  const grant: TokenGrant = { accessToken: json.access_token, expiresAt: started + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000 };
  if (typeof json.refresh_token === 'string' && json.refresh_token !== '') grant.refreshToken = json.refresh_token;
  return grant;
}
