// The Partner Center Insights connector (docs/partner-center.md): OAuth refresh-token client, API client,
// presets as data, mapping rows to change events, and the pull use case.
export * from '../../config/partner-insights.js';
export { InsightsApi, InsightsApiError } from './api.js';
export {
  DOWNLOAD_HEADER_PRESETS,
  DOWNLOAD_PRESETS,
  DOWNLOAD_WORKLOAD_ALIASES,
  type DownloadPreset,
  downloadWorkloadOf,
  monthOf,
} from './download-presets.js';
export { fetchWithRetry, retryAfterMs } from './http.js';
export { KEY_VAULT_SCOPE, KeyVaultSecrets, type SecretStore } from './keyvault.js';
export {
  Accumulator,
  attributionOf,
  certificationOf,
  type DatasetStats,
  resolveColumns,
  type UnknownValue,
  workloadOf,
} from './mapping.js';
export { GrantError, PARTNER_CENTER_SCOPE, redeemRefreshToken, type TokenGrant } from './oauth.js';
export * from './presets.js';
export {
  type ConnectionOutcome,
  HISTORY_MONTHS,
  historyWindow,
  PARTNER_INSIGHTS_STATUS_PK,
  type PartnerInsightsDeps,
  type PartnerInsightsOptions,
  partnerInsightsProbe,
  type PartnerInsightsStatusDoc,
  pullPartnerInsights,
  queryText,
} from './pull.js';
export { PARTNER_INSIGHTS_TOKENS_PK, PartnerCenterTokens, type StoredRefreshTokenDoc } from './tokens.js';
