import type { InvocationContext, Timer } from '@azure/functions';

import { type CredentialFactory, defaultCredentials } from '../adapters/identity/index.js';
import type { Config } from '../config/index.js';
import {
  type ConnectionOutcome,
  KeyVaultSecrets,
  PartnerCenterTokens,
  type PartnerInsightsDeps,
  type PartnerInsightsOptions,
  pullPartnerInsights,
} from '../ingestion/partner-center/index.js';

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
  deps: Omit<PartnerInsightsDeps, 'tokens' | 'secrets'> & { credentials?: CredentialFactory },
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
      const credential = (deps.credentials ?? defaultCredentials)(clientId ? { kind: 'managedIdentity', clientId } : { kind: 'default' });
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
