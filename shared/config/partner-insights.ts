// The Partner Center Insights connector's settings (docs/partner-center.md):
// - PARTNER_INSIGHTS_CONNECTIONS: a JSON array, one entry per partner whose Partner Center grants access
//   `{ "partnerId", "tenantId", "clientId", "refreshToken" }`; on Azure `"refreshTokenSecret": "<name>"`
//   (a Key Vault secret in PARTNER_INSIGHTS_KEY_VAULT_URL) instead of the token itself.
// - PARTNER_INSIGHTS_API_URL / PARTNER_INSIGHTS_AUTHORITY_URL: https, or http only on a loopback address.
// Pure: zod only. Values that hold tokens are never echoed in messages.
import { z } from 'zod';

import { idSchema } from '../domain/ids.js';

export const DEFAULT_PARTNER_INSIGHTS_API_URL = 'https://api.partnercenter.microsoft.com/insights/v1/mpn';
export const DEFAULT_PARTNER_INSIGHTS_AUTHORITY_URL = 'https://login.microsoftonline.com';
/** Every morning at 04:10 UTC: the datasets refresh every 3-5 days, month data is complete by the 20th. */
export const DEFAULT_PARTNER_INSIGHTS_SCHEDULE = '0 10 4 * * *';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** https anywhere; plain http only for a loopback host (the local stand-in). */
export function isAcceptedServiceUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  } catch {
    return false;
  }
}

export const serviceUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine(isAcceptedServiceUrl, `must be an https URL (plain http only on a loopback address) — ${what}`)
    .transform((v) => v.replace(/\/+$/, ''));

export const PARTNER_CENTER_DATASETS = [
  'AzureUsage',
  'OfficeUsage',
  'EMSUsage',
  'DynamicsUsage',
  'PowerBIUsage',
  'CustomersAndTenants',
  'TrainingCompletions',
] as const;
export type PartnerCenterDataset = (typeof PARTNER_CENTER_DATASETS)[number];

const secretName = /^[0-9A-Za-z-]{1,127}$/;

export const connectionSchema = z
  .object({
    /** The product's partner id the data is scored for. */
    partnerId: idSchema,
    /** The partner's Entra tenant (the token endpoint is {authority}/{tenantId}/oauth2/v2.0/token). */
    tenantId: z.string().trim().min(1, 'must not be empty'),
    /** The Entra app registration (public client, delegated user_impersonation on Partner Center). */
    clientId: z.string().trim().regex(GUID, 'must be the application (client) id, a GUID'),
    refreshToken: z.string().trim().min(1).optional(),
    refreshTokenSecret: z.string().trim().regex(secretName, 'must be a Key Vault secret name (letters, digits, hyphens)').optional(),
    /** Default: every dataset the presets know. */
    datasets: z.array(z.enum(PARTNER_CENTER_DATASETS)).min(1).optional(),
    /** Shown in logs and reports (default the partner id). */
    name: z.string().trim().min(1).max(80).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.refreshToken === undefined) === (c.refreshTokenSecret === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['refreshToken'],
        message: 'give exactly one of refreshToken (local) or refreshTokenSecret (a Key Vault secret name)',
      });
    }
  });
export type PartnerInsightsConnection = z.output<typeof connectionSchema>;

export class PartnerInsightsSettingError extends Error {}

/** A stable id for a connection (cursor and token documents). */
export function connectionKey(c: Pick<PartnerInsightsConnection, 'partnerId' | 'tenantId' | 'clientId'>): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return `pc-${slug(c.partnerId)}-${slug(c.tenantId)}-${slug(c.clientId).slice(0, 8)}`;
}

/**
 * The setting's text → connections. `azure`: plain refresh tokens are refused (Key Vault secrets only).
 * Throws PartnerInsightsSettingError naming entry and field, never a token.
 */
export function parsePartnerInsightsConnections(raw: string, options: { azure?: boolean } = {}): PartnerInsightsConnection[] {
  const text = raw.trim();
  if (text === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PartnerInsightsSettingError(
      'not valid JSON (expected an array of { partnerId, tenantId, clientId, refreshToken | refreshTokenSecret })',
    );
  }
  const result = z.array(connectionSchema).safeParse(json);
  if (!result.success) {
    throw new PartnerInsightsSettingError(
      result.error.issues
        .map((i) => `${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') || '(array)'}: ${i.message}`)
        .join('; '),
    );
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  result.data.forEach((c, i) => {
    if (options.azure && c.refreshToken !== undefined)
      problems.push(`[${i}].refreshToken: on Azure name a Key Vault secret (refreshTokenSecret), never the token as plain text`);
    const key = connectionKey(c);
    if (seen.has(key)) problems.push(`[${i}]: the same partnerId/tenantId/clientId as an earlier entry`);
    seen.add(key);
  });
  if (problems.length > 0) throw new PartnerInsightsSettingError(problems.join('; '));
  return result.data;
}
