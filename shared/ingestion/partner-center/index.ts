// The Partner Center Insights connector (docs/partner-center.md): OAuth refresh-token client, API client,
// presets as data, mapping rows to change events, and the pull use case.
export * from './settings.js';
export { redeemRefreshToken, GrantError, PARTNER_CENTER_SCOPE, type TokenGrant } from './oauth.js';
export { KeyVaultSecrets, KEY_VAULT_SCOPE, type SecretStore } from './keyvault.js';
export { PartnerCenterTokens, PARTNER_INSIGHTS_TOKENS_PK, type StoredRefreshTokenDoc } from './tokens.js';
export { InsightsApi, InsightsApiError } from './api.js';
export { fetchWithRetry, retryAfterMs } from './http.js';
export * from './presets.js';
export { DOWNLOAD_PRESETS, DOWNLOAD_HEADER_PRESETS, DOWNLOAD_WORKLOAD_ALIASES, downloadWorkloadOf, monthOf, type DownloadPreset } from './download-presets.js';
export { Accumulator, attributionOf, certificationOf, workloadOf, resolveColumns, type UnknownValue, type DatasetStats } from './mapping.js';
export {
  pullPartnerInsights,
  partnerInsightsProbe,
  historyWindow,
  queryText,
  HISTORY_MONTHS,
  PARTNER_INSIGHTS_STATUS_PK,
  type ConnectionOutcome,
  type PartnerInsightsDeps,
  type PartnerInsightsOptions,
  type PartnerInsightsStatusDoc,
} from './pull.js';
