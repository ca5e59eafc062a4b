// Settings of the local tools themselves (not of the app): where stand-ins listen and where mail lands.
// Port 0 = any free port (tests). A bad value stops start-up with the setting's name.
import { z } from 'zod';

import { ConfigError } from '../../shared/config/config.js';

const port = (dflt: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .regex(/^\d+$/, 'must be a port number 0-65535 (0 = any free port)')
      .transform(Number)
      .pipe(z.number().max(65535, 'must be a port number 0-65535 (0 = any free port)'))
      .default(dflt),
  );

const schema = z.object({
  LOCAL_BIND_HOST: z.string().default('127.0.0.1'),
  LOCAL_HTTP_PORT: port(7071),
  LOCAL_BLOB_PORT: port(10000),
  LOCAL_QUEUE_PORT: port(10001),
  LOCAL_TABLE_PORT: port(10002),
  LOCAL_COSMOS_PORT: port(8081),
  LOCAL_SERVICEBUS_PORT: port(5672),
  LOCAL_SMTP_PORT: port(2525),
  LOCAL_MAIL_DIR: z.string().default('.local/mail'),
  /**
   * Where `npm start` keeps the stand-ins' data (Azurite, Cosmos, Service Bus) across restarts and crashes;
   * `--fresh` empties it first. The demo and the tests never use it (in memory).
   */
  LOCAL_DATA_DIR: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().default('.local/data')),
  /**
   * The business day the local stack runs on (YYYY-MM-DD; time of day stays real). Unset: the real date for
   * `npm start`, the samples' day for `npm run demo` (the sample exports are written as of that day).
   */
  LOCAL_TODAY: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD')
      .refine(
        (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
        'must be a real day',
      )
      .optional(),
  ),
});

export type LocalSettings = z.output<typeof schema>;

/**
 * Every timer's schedule, said explicitly for the local stack (as local.settings.sample.json says them): the
 * local host, like Azure, refuses to start when a timer's %SETTING% is not set, so `npm start` works out of
 * the box through these, and a schedule in the environment wins over them.
 */
export const LOCAL_SCHEDULES = {
  IMPORT_SCHEDULE: '0 */1 * * * *',
  NIGHTLY_RECOMPUTE_SCHEDULE: '0 30 2 * * *',
  INSIGHTS_SCHEDULE: '0 0 * * * *',
  CLAIM_DEADLINES_SCHEDULE: '0 15 3 * * *',
  PARTNER_INSIGHTS_SCHEDULE: '0 10 4 * * *',
} as const;

/** The LOCAL_SCHEDULES the environment does not set itself. */
export function localSchedules(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(LOCAL_SCHEDULES).filter(([name]) => (env[name] ?? '').trim() === ''));
}

export const LOCAL_SETTING_NAMES = Object.keys(schema.shape) as Array<keyof LocalSettings>;

export function loadLocalSettings(env: Record<string, string | undefined> = process.env): LocalSettings {
  const r = schema.safeParse(env);
  if (r.success) return r.data;
  throw new ConfigError(
    r.error.issues.map((i) => ({ setting: String(i.path[0]), problem: i.message + ` (got "${env[String(i.path[0])]}")` })),
  );
}
