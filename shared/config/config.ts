// One zod schema over the environment (app settings on Azure, process.env locally), parsed once at start.
// A bad or missing setting stops start-up with one message that names every offending setting.
//
// Local defaults (the stand-ins' addresses) apply only off Azure: on Azure a missing connection setting is an
// error rather than a silent attempt to reach 127.0.0.1. Non-connection settings have defaults everywhere.
import { z } from 'zod';
import { NcrontabError, parseNcrontab } from './ncrontab.js';
import { InsightsSettingError, parseInsightsReportsSetting } from '../ingestion/insights-settings.js';

/** The Cosmos DB emulator's published, well-known key; the local stand-in accepts any base64 key. */
export const LOCAL_COSMOS_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** Where each connection setting points when nothing else is said (the stand-ins' default ports). */
export const LOCAL_DEFAULTS = {
  COSMOS_ENDPOINT: 'https://127.0.0.1:8081',
  COSMOS_KEY: LOCAL_COSMOS_KEY,
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  ServiceBusConnection:
    'Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true',
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
  MAX_DELIVERY_COUNT: 10,
} as const;

export type Profile = 'local' | 'azure';

/** On Azure, App Service sets WEBSITE_SITE_NAME / WEBSITE_INSTANCE_ID for every app. */
export function detectProfile(env: Record<string, string | undefined>): Profile {
  return env.WEBSITE_SITE_NAME || env.WEBSITE_INSTANCE_ID ? 'azure' : 'local';
}

// An empty setting counts as unset (app settings are often created empty).
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function text(what: string, localDefault: string | undefined) {
  const base = z.string({ error: `required: ${what}` }).trim().min(1, `required: ${what}`);
  return z.preprocess(blankToUndefined, localDefault === undefined ? base : base.default(localDefault));
}

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

function buildSchema(profile: Profile) {
  const local = <K extends keyof typeof LOCAL_DEFAULTS>(key: K) =>
    profile === 'local' ? LOCAL_DEFAULTS[key] : undefined;
  return z
    .object({
      COSMOS_ENDPOINT: text('the Cosmos DB account endpoint, https://<account>.documents.azure.com:443/', local('COSMOS_ENDPOINT')).pipe(
        z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
      ),
      COSMOS_KEY: text(
        'the Cosmos DB account key (keyless access needs @azure/identity, which is not installed yet)',
        local('COSMOS_KEY'),
      ),
      COSMOS_DATABASE: text('the Cosmos DB database name', DEFAULTS.COSMOS_DATABASE),
      COSMOS_ALLOW_SELF_SIGNED: booleanText,
      AzureWebJobsStorage: text('the storage account connection string', local('AzureWebJobsStorage')),
      EXPORTS_CONTAINER: text('the blob container holding Partner Center exports', DEFAULTS.EXPORTS_CONTAINER).pipe(
        z
          .string()
          .regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a blob container name: 3-63 lowercase letters, digits and single hyphens'),
      ),
      ServiceBusConnection: text(
        'the Service Bus connection string (keyless ServiceBusConnection__fullyQualifiedNamespace needs @azure/identity, not installed yet)',
        local('ServiceBusConnection'),
      ).pipe(z.string().regex(/(^|;)\s*Endpoint=sb:\/\/[^;]+/i, 'must be a Service Bus connection string with Endpoint=sb://...')),
      MAX_DELIVERY_COUNT: integer('deliveries of a message before it is dead-lettered', 1, 2000, DEFAULTS.MAX_DELIVERY_COUNT),
      MAIL_TRANSPORT: z.preprocess(
        blankToUndefined,
        z.enum(['smtp', 'acs'], { error: 'must be smtp or acs' }).default(DEFAULTS.MAIL_TRANSPORT),
      ),
      SMTP_HOST: z.preprocess(blankToUndefined, z.string().optional()),
      SMTP_PORT: integer('the SMTP port', 1, 65535, DEFAULTS.SMTP_PORT),
      SMTP_USER: z.preprocess(blankToUndefined, z.string().optional()),
      SMTP_PASSWORD: z.preprocess(blankToUndefined, z.string().optional()),
      MAIL_FROM: text('the sender address of notification mail', local('MAIL_FROM')).pipe(
        z.string().regex(/^[^@\s<>]+@[^@\s<>]+$/, 'must be an email address like tracker@example.com'),
      ),
      ACS_CONNECTION_STRING: z.preprocess(blankToUndefined, z.string().optional()),
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
          .pipe(z.array(z.string().regex(/^whsec_[A-Za-z0-9+/=_-]{8,}$/, 'each secret must look like whsec_<base64>, comma-separated'))),
      ),
      DATA_COMPLETE_DAY: integer('day of the month by which Partner Center data for the previous month is complete', 1, 28, DEFAULTS.DATA_COMPLETE_DAY),
      IMPORT_SCHEDULE: schedule('when importExports runs', DEFAULTS.IMPORT_SCHEDULE),
      NIGHTLY_RECOMPUTE_SCHEDULE: schedule('when nightlyRecompute runs', DEFAULTS.NIGHTLY_RECOMPUTE_SCHEDULE),
      INSIGHTS_SCHEDULE: schedule('when pullInsights runs', DEFAULTS.INSIGHTS_SCHEDULE),
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
    })
    .transform((s) => ({
      ...s,
      SMTP_HOST: s.SMTP_HOST ?? LOCAL_DEFAULTS.SMTP_HOST,
      // Self-signed TLS is trusted only when asked for, or by default for a loopback endpoint (the local stand-in).
      COSMOS_ALLOW_SELF_SIGNED: s.COSMOS_ALLOW_SELF_SIGNED ?? isLoopbackUrl(s.COSMOS_ENDPOINT),
    }));
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

/** Parses the environment into a Config, or throws ConfigError naming each bad or missing setting. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  profile: Profile = detectProfile(env),
): Config {
  const result = buildSchema(profile).safeParse(env);
  const cross = crossChecks(env, profile);
  if (result.success && cross.length === 0) return result.data;
  const issues = result.success ? [] : result.error.issues;
  const problems = issues.map((issue) => {
    const setting = String(issue.path[0] ?? '(environment)');
    const raw = env[setting];
    const shown = raw === undefined || /KEY|PASSWORD|SECRET|Connection|Storage|INSIGHTS_REPORTS/i.test(setting) ? '' : ` (got "${raw}")`;
    return { setting, problem: issue.message + shown };
  });
  for (const c of cross) if (!problems.some((p) => p.setting === c.setting)) problems.push(c);
  throw new ConfigError(problems);
}

// Rules across settings, checked on the raw values so they are reported together with field problems.
function crossChecks(env: Record<string, string | undefined>, profile: Profile): ConfigProblem[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  const transport = (env.MAIL_TRANSPORT ?? '').trim() || DEFAULTS.MAIL_TRANSPORT;
  const out: ConfigProblem[] = [];
  if (transport === 'acs' && !set('ACS_CONNECTION_STRING')) {
    out.push({ setting: 'ACS_CONNECTION_STRING', problem: 'required when MAIL_TRANSPORT=acs' });
  }
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
  'EXPORTS_CONTAINER',
  'ServiceBusConnection',
  'MAX_DELIVERY_COUNT',
  'MAIL_TRANSPORT',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'MAIL_FROM',
  'ACS_CONNECTION_STRING',
  'WEBHOOK_SECRETS',
  'DATA_COMPLETE_DAY',
  'IMPORT_SCHEDULE',
  'NIGHTLY_RECOMPUTE_SCHEDULE',
  'INSIGHTS_SCHEDULE',
  'INSIGHTS_REPORTS',
] as const satisfies readonly SettingName[];
