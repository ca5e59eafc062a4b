// One zod schema over the environment (app settings on Azure, process.env locally), parsed once at start.
// A bad or missing setting stops start-up with one message that names every offending setting.
//
// Local defaults (the stand-ins' addresses) apply only off Azure: on Azure a missing connection setting is an
// error rather than a silent attempt to reach 127.0.0.1. Non-connection settings have defaults everywhere.
//
// Each connection (Cosmos DB, Service Bus, Storage, ACS) is either key-based or keyless (an identity); see
// connections.ts for the setting names and how they are decided. `config.connections` is what clients are
// built from.
import { z } from 'zod';

import { webhookSecretProblem } from '../webhooks/standard-webhooks.js';
import {
  type Connections,
  MANAGED_IDENTITY,
  MISSING,
  missingConnections,
  normalizeNamespace,
  type Profile,
  resolveConnections,
} from './connections.js';
import { InsightsSettingError, parseInsightsReportsSetting } from './insights-reports.js';
import { NcrontabError, parseNcrontab } from './ncrontab.js';
import * as partnerInsights from './partner-insights.js';

/** The Cosmos DB emulator's published, well-known key; the local stand-in accepts any base64 key. */
export const LOCAL_COSMOS_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** Where each connection setting points when nothing else is said (the stand-ins' default ports). */
export const LOCAL_DEFAULTS = {
  COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
  COSMOS_KEY: LOCAL_COSMOS_KEY,
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  ServiceBusConnection: 'Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true',
  SMTP_HOST: '127.0.0.1',
  MAIL_FROM: 'designation-tracker@localhost',
} as const;

/**
 * The local profile's webhook secret, so the local host and `npm run demo` can sign POST /api/changes
 * without setup: whsec_ + base64('designation-tracker-local-dev'). Public on purpose; never a default
 * on Azure, where an empty WEBHOOK_SECRETS makes the endpoint answer 503.
 */
export const LOCAL_DEV_WEBHOOK_SECRET = 'whsec_ZGVzaWduYXRpb24tdHJhY2tlci1sb2NhbC1kZXY=';

export const DEFAULTS = {
  COSMOS_DATABASE: 'designation-tracker',
  EXPORTS_CONTAINER: 'exports',
  MAIL_TRANSPORT: 'smtp',
  SMTP_PORT: 2525,
  DATA_COMPLETE_DAY: 20,
  IMPORT_SCHEDULE: '0 */1 * * * *',
  NIGHTLY_RECOMPUTE_SCHEDULE: '0 30 2 * * *',
  INSIGHTS_SCHEDULE: '0 0 * * * *',
  CLAIM_DEADLINES_SCHEDULE: '0 15 3 * * *',
  PARTNER_INSIGHTS_SCHEDULE: partnerInsights.DEFAULT_PARTNER_INSIGHTS_SCHEDULE,
  MAX_DELIVERY_COUNT: 10,
  MAIL_SETTLE_SECONDS: 300,
} as const;

/** On Azure, App Service sets WEBSITE_SITE_NAME / WEBSITE_INSTANCE_ID for every app. */
export function detectProfile(env: Record<string, string | undefined>): Profile {
  return env.WEBSITE_SITE_NAME || env.WEBSITE_INSTANCE_ID ? 'azure' : 'local';
}

// An empty setting counts as unset (app settings are often created empty).
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function text(what: string, localDefault: string | undefined) {
  const base = z
    .string({ error: `required: ${what}` })
    .trim()
    .min(1, `required: ${what}`);
  return z.preprocess(blankToUndefined, localDefault === undefined ? base : base.default(localDefault));
}

/** An optional setting: blank = unset; otherwise trimmed and checked by `check` (when given). */
function optional(check?: z.ZodType<string, string>) {
  const base = z.string().trim();
  return z.preprocess(blankToUndefined, (check ? base.pipe(check) : base).optional());
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const clientId = (what: string) => optional(z.string().regex(GUID, `must be the client id (a GUID) of ${what}`));
const credentialKind = optional(
  z
    .string()
    .refine((v) => v.toLowerCase() === MANAGED_IDENTITY, `must be ${MANAGED_IDENTITY} (or unset: DefaultAzureCredential off Azure)`)
    .transform((v) => v.toLowerCase()),
);
const httpsUrl = (example: string) =>
  z.string().refine((v) => {
    try {
      return new URL(v).protocol === 'https:';
    } catch {
      return false;
    }
  }, `must be an https URL like ${example}`);

function integer(what: string, min: number, max: number, dflt: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*-?\d+\s*$/, `must be a whole number from ${min} to ${max} (${what})`)
      .transform(Number)
      .pipe(z.number().min(min, `must be from ${min} to ${max} (${what})`).max(max, `must be from ${min} to ${max} (${what})`))
      .default(dflt),
  );
}

function schedule(what: string, dflt: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .default(dflt)
      .superRefine((value, ctx) => {
        try {
          parseNcrontab(value);
        } catch (err) {
          const why = err instanceof NcrontabError ? err.message : String(err);
          ctx.addIssue({ code: 'custom', message: `not a valid NCRONTAB schedule (${what}): ${why}` });
        }
      }),
  );
}

const booleanText = z.preprocess(
  blankToUndefined,
  z
    .enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0'], { error: 'must be true or false' })
    .transform((v) => v === '1' || v.toLowerCase() === 'true')
    .optional(),
);

export function isLoopbackUrl(value: string): boolean {
  try {
    const host = new URL(value).hostname;
    return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
  } catch {
    return false;
  }
}

function buildSchema(profile: Profile, mailOff = false) {
  const local = <K extends keyof typeof LOCAL_DEFAULTS>(key: K) => (profile === 'local' ? LOCAL_DEFAULTS[key] : undefined);
  return z
    .object({
      COSMOS_ENDPOINT: text(
        'the Cosmos DB account endpoint, https://<account>.documents.azure.com:443/ (with COSMOS_KEY, or keyless through the app identity)',
        local('COSMOS_ENDPOINT'),
      ).pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })),
      // Unset: keyless for an Azure account (*.documents.azure.com); the emulator's key for a local endpoint.
      COSMOS_KEY: optional(),
      COSMOS_DATABASE: text('the Cosmos DB database name', DEFAULTS.COSMOS_DATABASE),
      COSMOS_ALLOW_SELF_SIGNED: booleanText,
      AzureWebJobsStorage: optional(),
      AzureWebJobsStorage__blobServiceUri: optional(httpsUrl('https://<account>.blob.core.windows.net')),
      AzureWebJobsStorage__accountName: optional(
        z.string().regex(/^[a-z0-9]{3,24}$/, 'must be a storage account name: 3-24 lowercase letters and digits'),
      ),
      AzureWebJobsStorage__credential: credentialKind,
      AzureWebJobsStorage__clientId: clientId('the user-assigned managed identity for storage'),
      EXPORTS_CONTAINER: text('the blob container holding Partner Center exports', DEFAULTS.EXPORTS_CONTAINER).pipe(
        z
          .string()
          .regex(
            /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/,
            'must be a blob container name: 3-63 lowercase letters, digits and single hyphens',
          ),
      ),
      ServiceBusConnection: optional(
        z.string().regex(/(^|;)\s*Endpoint=sb:\/\/[^;]+/i, 'must be a Service Bus connection string with Endpoint=sb://...'),
      ),
      ServiceBusConnection__fullyQualifiedNamespace: optional(
        z
          .string()
          .transform(normalizeNamespace)
          .pipe(
            z
              .string()
              .regex(
                /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/i,
                'must be the namespace host name, like <namespace>.servicebus.windows.net',
              ),
          ),
      ),
      ServiceBusConnection__credential: credentialKind,
      ServiceBusConnection__clientId: clientId('the user-assigned managed identity for Service Bus'),
      // The app's user-assigned managed identity, for every keyless connection without its own __clientId.
      AZURE_CLIENT_ID: clientId('the user-assigned managed identity'),
      MAX_DELIVERY_COUNT: integer('deliveries of a message before it is dead-lettered', 1, 2000, DEFAULTS.MAX_DELIVERY_COUNT),
      MAIL_TRANSPORT: z.preprocess(
        blankToUndefined,
        // off: no mail at all (notifications are recorded as skipped, reason mail-off; health says so).
        z.enum(['smtp', 'acs', 'off'], { error: 'must be smtp or acs, or off (no mail)' }).default(DEFAULTS.MAIL_TRANSPORT),
      ),
      SMTP_HOST: z.preprocess(blankToUndefined, z.string().optional()),
      SMTP_PORT: integer('the SMTP port', 1, 65535, DEFAULTS.SMTP_PORT),
      SMTP_USER: z.preprocess(blankToUndefined, z.string().optional()),
      SMTP_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
      // Not needed with MAIL_TRANSPORT=off (nothing is sent): the local placeholder then.
      MAIL_FROM: text('the sender address of notification mail', mailOff ? LOCAL_DEFAULTS.MAIL_FROM : local('MAIL_FROM')).pipe(
        z.string().regex(/^[^@\s<>]+@[^@\s<>]+$/, 'must be an email address like tracker@example.com'),
      ),
      ACS_CONNECTION_STRING: z.preprocess(blankToUndefined, z.string().optional()),
      ACS_ENDPOINT: optional(httpsUrl('https://<resource>.communication.azure.com')),
      WEBHOOK_SECRETS: z.preprocess(
        blankToUndefined,
        z
          .string()
          .default(profile === 'local' ? LOCAL_DEV_WEBHOOK_SECRET : '')
          .transform((v) =>
            v
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== ''),
          )
          .pipe(
            z.array(
              z
                .string()
                .regex(/^whsec_[A-Za-z0-9+/=_-]{8,}$/, 'each secret must look like whsec_<base64>, comma-separated')
                // The verifier's own decoding (shared/webhooks): a secret it cannot use is refused here, not 401 on every request.
                .superRefine((secret, ctx) => {
                  const problem = webhookSecretProblem(secret);
                  if (problem !== null) ctx.addIssue({ code: 'custom', message: `a secret ${problem}` });
                }),
            ),
          ),
      ),
      // A mail waits this long, then is sent only if the state it tells still holds (no same-day flapping).
      MAIL_SETTLE_SECONDS: integer('seconds a notification waits before it is sent (0: at once)', 0, 86400, DEFAULTS.MAIL_SETTLE_SECONDS),
      DATA_COMPLETE_DAY: integer(
        'day of the month by which Partner Center data for the previous month is complete',
        1,
        28,
        DEFAULTS.DATA_COMPLETE_DAY,
      ),
      IMPORT_SCHEDULE: schedule('when importExports runs', DEFAULTS.IMPORT_SCHEDULE),
      NIGHTLY_RECOMPUTE_SCHEDULE: schedule('when nightlyRecompute runs', DEFAULTS.NIGHTLY_RECOMPUTE_SCHEDULE),
      INSIGHTS_SCHEDULE: schedule('when pullInsights runs', DEFAULTS.INSIGHTS_SCHEDULE),
      CLAIM_DEADLINES_SCHEDULE: schedule('when claimDeadlines runs', DEFAULTS.CLAIM_DEADLINES_SCHEDULE),
      // Off Azure the app's own API-key checks are off unless this says true; on Azure they are always on (requireKeys).
      LOCAL_REQUIRE_KEYS: booleanText,
      // Set by App Service itself when its authentication (Easy Auth) is on: only then is x-ms-client-principal
      // trusted, because only then does App Service strip client-sent copies of it. Not an app setting.
      WEBSITE_AUTH_ENABLED: z.preprocess((v) => typeof v === 'string' && v.trim().toLowerCase() === 'true', z.boolean()),
      // JSON array of Partner Center Insights reports, or the path of a file holding it; empty = off.
      INSIGHTS_REPORTS: z.preprocess(
        blankToUndefined,
        z
          .string()
          .default('')
          .transform((value, ctx) => {
            try {
              return parseInsightsReportsSetting(value);
            } catch (err) {
              const why = err instanceof InsightsSettingError ? err.message : String(err);
              ctx.addIssue({ code: 'custom', message: `must be a JSON array of Insights reports or a file holding one: ${why}` });
              return z.NEVER;
            }
          }),
      ),
      // Partner Center Insights API connector (shared/ingestion/partner-center, docs/partner-center.md); empty = off.
      PARTNER_INSIGHTS_CONNECTIONS: z.preprocess(
        blankToUndefined,
        z
          .string()
          .default('')
          .transform((value, ctx) => {
            try {
              return partnerInsights.parsePartnerInsightsConnections(value, { azure: profile === 'azure' });
            } catch (err) {
              const why = err instanceof partnerInsights.PartnerInsightsSettingError ? err.message : String(err);
              ctx.addIssue({
                code: 'custom',
                message: `must be a JSON array of { partnerId, tenantId, clientId, refreshToken | refreshTokenSecret }: ${why}`,
              });
              return z.NEVER;
            }
          }),
      ),
      PARTNER_INSIGHTS_API_URL: z.preprocess(
        blankToUndefined,
        partnerInsights.serviceUrl('the Insights API base').default(partnerInsights.DEFAULT_PARTNER_INSIGHTS_API_URL),
      ),
      PARTNER_INSIGHTS_AUTHORITY_URL: z.preprocess(
        blankToUndefined,
        partnerInsights.serviceUrl('the Entra authority').default(partnerInsights.DEFAULT_PARTNER_INSIGHTS_AUTHORITY_URL),
      ),
      PARTNER_INSIGHTS_SCHEDULE: schedule('when pullPartnerInsights runs', DEFAULTS.PARTNER_INSIGHTS_SCHEDULE),
      // The vault of the connections' refreshTokenSecret entries, https://<vault>.vault.azure.net.
      PARTNER_INSIGHTS_KEY_VAULT_URL: optional(httpsUrl('https://<vault>.vault.azure.net')),
    })
    .transform((s, ctx) => {
      const { cosmos, serviceBus, storage, acs } = resolveConnections(s, profile, LOCAL_DEFAULTS);
      if (!serviceBus || !storage) {
        // Only on Azure with nothing set (crossChecks names these from the raw environment too).
        if (!serviceBus) ctx.addIssue({ code: 'custom', message: MISSING.ServiceBusConnection, path: ['ServiceBusConnection'] });
        if (!storage) ctx.addIssue({ code: 'custom', message: MISSING.AzureWebJobsStorage, path: ['AzureWebJobsStorage'] });
        return z.NEVER;
      }
      const connections: Connections = { cosmos, serviceBus, storage, ...(acs ? { acs } : {}) };
      return {
        ...s,
        SMTP_HOST: s.SMTP_HOST ?? LOCAL_DEFAULTS.SMTP_HOST,
        // The HTTP API checks its keys (shared/access/): always on Azure, locally only with LOCAL_REQUIRE_KEYS=true.
        requireKeys: profile === 'azure' || s.LOCAL_REQUIRE_KEYS === true,
        // Entra ID sign-in through App Service authentication: on Azure with Easy Auth on, never locally.
        trustClientPrincipal: profile === 'azure' && s.WEBSITE_AUTH_ENABLED,
        // Self-signed TLS is trusted only when asked for, or by default for a loopback endpoint (the local stand-in).
        COSMOS_ALLOW_SELF_SIGNED: s.COSMOS_ALLOW_SELF_SIGNED ?? isLoopbackUrl(s.COSMOS_ENDPOINT),
        // The key-based values as plain strings, '' when that connection is keyless (tools and tests that only
        // ever run key-based read these; the app builds its clients from `connections`).
        COSMOS_KEY: cosmos.auth === 'key' ? cosmos.key : '',
        ServiceBusConnection: serviceBus.auth === 'connectionString' ? serviceBus.connectionString : '',
        AzureWebJobsStorage: storage.auth === 'connectionString' ? storage.connectionString : '',
        connections,
      };
    });
}

export type Config = z.output<ReturnType<typeof buildSchema>>;
export type SettingName = keyof Config;

export interface ConfigProblem {
  setting: string;
  problem: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      'Configuration is invalid; start-up stopped. Fix these settings (app settings on Azure, environment locally):\n' +
        problems.map((p) => `  - ${p.setting}: ${p.problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment into a Config, or throws ConfigError naming each bad or missing setting. The
 * caller passes the environment: only composition roots (functions/composition.ts, the local host, the
 * pcs command) read process.env, once.
 */
export function loadConfig(env: Record<string, string | undefined>, profile: Profile = detectProfile(env)): Config {
  const result = buildSchema(profile, (env.MAIL_TRANSPORT ?? '').trim() === 'off').safeParse(env);
  const cross = crossChecks(env, profile);
  if (result.success && cross.length === 0) return result.data;
  const issues = result.success ? [] : result.error.issues;
  const problems = issues.map((issue) => {
    const setting = String(issue.path[0] ?? '(environment)');
    const raw = env[setting];
    const shown =
      raw === undefined || /KEY|PASSWORD|SECRET|Connection|Storage|INSIGHTS_REPORTS|INSIGHTS_CONNECTIONS/i.test(setting)
        ? ''
        : ` (got "${raw}")`;
    return { setting, problem: issue.message + shown };
  });
  for (const c of cross) if (!problems.some((p) => p.setting === c.setting)) problems.push(c);
  throw new ConfigError(problems);
}

// Rules across settings, checked on the raw values so they are reported together with field problems.
function crossChecks(env: Record<string, string | undefined>, profile: Profile): ConfigProblem[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const transport = (env.MAIL_TRANSPORT ?? '').trim() || DEFAULTS.MAIL_TRANSPORT;
  const out: ConfigProblem[] = [...missingConnections(set, profile, transport)];
  if (transport === 'smtp' && profile === 'azure' && !set('SMTP_HOST')) {
    out.push({ setting: 'SMTP_HOST', problem: 'required when MAIL_TRANSPORT=smtp' });
  }
  return out;
}

/** Names of every setting the app reads: the settings table, local.settings.sample.json and Bicep follow it. */
export const SETTING_NAMES = [
  'COSMOS_ENDPOINT',
  'COSMOS_KEY',
  'COSMOS_DATABASE',
  'COSMOS_ALLOW_SELF_SIGNED',
  'AzureWebJobsStorage',
  'AzureWebJobsStorage__blobServiceUri',
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'EXPORTS_CONTAINER',
  'ServiceBusConnection',
  'ServiceBusConnection__fullyQualifiedNamespace',
  'ServiceBusConnection__credential',
  'ServiceBusConnection__clientId',
  'AZURE_CLIENT_ID',
  'MAX_DELIVERY_COUNT',
  'MAIL_TRANSPORT',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'MAIL_FROM',
  'ACS_CONNECTION_STRING',
  'ACS_ENDPOINT',
  'WEBHOOK_SECRETS',
  'MAIL_SETTLE_SECONDS',
  'DATA_COMPLETE_DAY',
  'IMPORT_SCHEDULE',
  'NIGHTLY_RECOMPUTE_SCHEDULE',
  'INSIGHTS_SCHEDULE',
  'CLAIM_DEADLINES_SCHEDULE',
  'INSIGHTS_REPORTS',
  'PARTNER_INSIGHTS_CONNECTIONS',
  'PARTNER_INSIGHTS_API_URL',
  'PARTNER_INSIGHTS_AUTHORITY_URL',
  'PARTNER_INSIGHTS_SCHEDULE',
  'PARTNER_INSIGHTS_KEY_VAULT_URL',
  'LOCAL_REQUIRE_KEYS',
] as const satisfies readonly SettingName[];

/**
 * The keyless alternatives among SETTING_NAMES (identity-based connections). Not in local.settings.sample.json,
 * whose local profile is key-based against the stand-ins; documented in the README's settings table.
 */
export const KEYLESS_SETTING_NAMES = [
  'AzureWebJobsStorage__blobServiceUri',
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'ServiceBusConnection__fullyQualifiedNamespace',
  'ServiceBusConnection__credential',
  'ServiceBusConnection__clientId',
  'AZURE_CLIENT_ID',
  'ACS_ENDPOINT',
] as const satisfies readonly (typeof SETTING_NAMES)[number][];
