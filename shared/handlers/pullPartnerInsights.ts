import type { InvocationContext, Timer } from '@azure/functions';

import type { Config } from '../config/config.js';
import { KeyVaultSecrets } from '../ingestion/partner-center/keyvault.js';
import {
  type ConnectionOutcome,
  type PartnerInsightsDeps,
  type PartnerInsightsOptions,
  pullPartnerInsights,
} from '../ingestion/partner-center/pull.js';
import { PartnerCenterTokens } from '../ingestion/partner-center/tokens.js';

/** The app identity's credential for Key Vault: the composition root passes the identity adapter's factory. */
export type KeyVaultCredentials = (
  choice: { kind: 'managedIdentity'; clientId: string } | { kind: 'default' },
) => ConstructorParameters<typeof KeyVaultSecrets>[1];

type Settings = Pick<
  Config,
  'PARTNER_INSIGHTS_CONNECTIONS' | 'PARTNER_INSIGHTS_API_URL' | 'PARTNER_INSIGHTS_AUTHORITY_URL' | 'PARTNER_INSIGHTS_KEY_VAULT_URL'
> & { AZURE_CLIENT_ID?: string | undefined };

/**
 * Timer (PARTNER_INSIGHTS_SCHEDULE) → pull every Partner Center Insights connection of
 * PARTNER_INSIGHTS_CONNECTIONS and import its datasets through the presets
 * (shared/ingestion/partner-center/pull.ts). Off while the setting is empty: the function stays
 * registered and returns at once. Access tokens stay cached across runs of the process; Key Vault (for
 * refreshTokenSecret entries) is reached as the app identity.
 */
export function pullPartnerInsightsHandler(
  deps: Omit<PartnerInsightsDeps, 'tokens' | 'secrets'> & { credentials?: KeyVaultCredentials },
  settings: Settings,
  options: Omit<PartnerInsightsOptions, 'connections' | 'log' | 'apiUrl' | 'authorityUrl'> = {},
) {
  let tokens: PartnerCenterTokens | undefined;
  let secrets: KeyVaultSecrets | undefined;
  return async (_timer: Timer, context: InvocationContext): Promise<ConnectionOutcome[]> => {
    const connections = settings.PARTNER_INSIGHTS_CONNECTIONS;
    if (connections.length === 0) return [];
    if (!secrets && settings.PARTNER_INSIGHTS_KEY_VAULT_URL && connections.some((c) => c.refreshTokenSecret !== undefined)) {
      const clientId = settings.AZURE_CLIENT_ID;
      if (!deps.credentials)
        throw new Error('pullPartnerInsights: PARTNER_INSIGHTS_KEY_VAULT_URL is set but no credential factory was given');
      const credential = deps.credentials(clientId ? { kind: 'managedIdentity', clientId } : { kind: 'default' });
      secrets = new KeyVaultSecrets(settings.PARTNER_INSIGHTS_KEY_VAULT_URL, credential);
    }
    tokens ??= new PartnerCenterTokens({
      store: deps.store,
      authorityUrl: settings.PARTNER_INSIGHTS_AUTHORITY_URL,
      ...(secrets ? { secrets } : {}),
      ...(deps.fetch ? { retry: { fetch: deps.fetch } } : {}),
    });
    return pullPartnerInsights(
      { ...deps, tokens, ...(secrets ? { secrets } : {}) },
      {
        ...options,
        connections,
        apiUrl: settings.PARTNER_INSIGHTS_API_URL,
        authorityUrl: settings.PARTNER_INSIGHTS_AUTHORITY_URL,
        log: context,
      },
    );
  };
}
