// Refresh and access tokens per connection.
// - The refresh token in use is the newest one Entra returned: Entra rotates refresh tokens, so each
//   redemption's new token is written back at once — on Azure to the connection's Key Vault secret
//   (refreshTokenSecret), locally to a document in Cosmos `operations` (pk partner-insights-tokens).
//   The local document remembers a hash of the setting's token it started from: a new token put in
//   the setting (a fresh sign-in) wins over the stored chain.
// - Access tokens are cached in memory until five minutes before expires_in runs out; one refresh at a
//   time per connection (concurrent datasets wait for the same redemption).
import { createHash } from 'node:crypto';

import { connectionKey, type PartnerInsightsConnection } from '../../config/partner-insights.js';
import type { DocumentStore } from '../../ports/documentStore.js';
import type { RetryOptions } from './http.js';
import type { SecretStore } from './keyvault.js';
import { GrantError, redeemRefreshToken, type TokenGrant } from './oauth.js';

export const PARTNER_INSIGHTS_TOKENS_PK = 'partner-insights-tokens';
const EARLY_MS = 5 * 60_000;

export interface StoredRefreshTokenDoc {
  id: string;
  pk: typeof PARTNER_INSIGHTS_TOKENS_PK;
  type: 'partner-insights-refresh-token';
  partnerId: string;
  tenantId: string;
  clientId: string;
  refreshToken: string;
  /** sha256 of the setting's token this chain started from. */
  seedSha256: string;
  updatedAt: string;
  [field: string]: unknown;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

export interface TokenDeps {
  store: DocumentStore;
  /** Key Vault (for connections with refreshTokenSecret). */
  secrets?: SecretStore;
  authorityUrl: string;
  now?: () => number;
  retry?: RetryOptions;
}

/** Where the connection's refresh token lives, for messages (never the token). */
export function tokenLocation(c: PartnerInsightsConnection): string {
  return c.refreshTokenSecret !== undefined
    ? `the Key Vault secret "${c.refreshTokenSecret}"`
    : 'PARTNER_INSIGHTS_CONNECTIONS (refreshToken)';
}

export class PartnerCenterTokens {
  private readonly cache = new Map<string, TokenGrant>();
  private readonly inflight = new Map<string, Promise<TokenGrant>>();
  /** Redemptions made (tests and logs). */
  redemptions = 0;

  constructor(private readonly deps: TokenDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** A valid access token for the connection; refreshes (once, shared) when the cached one is near expiry. */
  async accessToken(c: PartnerInsightsConnection, options: { force?: boolean } = {}): Promise<string> {
    const key = connectionKey(c);
    const cached = this.cache.get(key);
    if (!options.force && cached && cached.expiresAt - EARLY_MS > this.now()) return cached.accessToken;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.refresh(c).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return (await pending).accessToken;
  }

  /** Forget the cached access token (after a 401). */
  invalidate(c: PartnerInsightsConnection): void {
    this.cache.delete(connectionKey(c));
  }

  private async refresh(c: PartnerInsightsConnection): Promise<TokenGrant> {
    const refreshToken = await this.currentRefreshToken(c);
    this.redemptions++;
    const grant = await redeemRefreshToken(
      { authorityUrl: this.deps.authorityUrl, tenantId: c.tenantId, clientId: c.clientId, refreshToken, tokenLocation: tokenLocation(c) },
      this.deps.retry,
      () => this.now(),
    );
    if (grant.refreshToken !== undefined && grant.refreshToken !== refreshToken) await this.saveRefreshToken(c, grant.refreshToken);
    this.cache.set(connectionKey(c), grant);
    return grant;
  }

  /** The newest refresh token of the connection. */
  async currentRefreshToken(c: PartnerInsightsConnection): Promise<string> {
    if (c.refreshTokenSecret !== undefined) {
      if (!this.deps.secrets) {
        throw new GrantError(
          'no_key_vault',
          `connection ${c.name ?? c.partnerId} names a Key Vault secret`,
          'set PARTNER_INSIGHTS_KEY_VAULT_URL to the vault that holds it',
        );
      }
      const value = await this.deps.secrets.get(c.refreshTokenSecret);
      if (value === undefined || value.trim() === '') {
        throw new GrantError(
          'no_refresh_token',
          `the Key Vault secret "${c.refreshTokenSecret}" is missing or empty`,
          'store the first refresh token in it (README, "Partner Center Insights connector")',
        );
      }
      return value.trim();
    }
    const seed = c.refreshToken ?? '';
    const stored = await this.deps.store.collection('operations').read<StoredRefreshTokenDoc>(connectionKey(c), PARTNER_INSIGHTS_TOKENS_PK);
    if (stored && stored.doc.seedSha256 === sha(seed) && stored.doc.refreshToken) return stored.doc.refreshToken;
    return seed;
  }

  private async saveRefreshToken(c: PartnerInsightsConnection, token: string): Promise<void> {
    if (c.refreshTokenSecret !== undefined) {
      await this.deps.secrets!.set(c.refreshTokenSecret, token);
      return;
    }
    const doc: StoredRefreshTokenDoc = {
      id: connectionKey(c),
      pk: PARTNER_INSIGHTS_TOKENS_PK,
      type: 'partner-insights-refresh-token',
      partnerId: c.partnerId,
      tenantId: c.tenantId,
      clientId: c.clientId,
      refreshToken: token,
      seedSha256: sha(c.refreshToken ?? ''),
      updatedAt: new Date(this.now()).toISOString(),
    };
    await this.deps.store.collection('operations').upsert(doc);
  }
}
