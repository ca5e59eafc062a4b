// The environment for a local stack run beside others (the integration tests that spawn `npm start`, the
// soak, the bench): every stand-in on a free port, mail into `mailDir`, and whatever the developer's shell
// points at (Azure resources, fixed ports, a mail transport) removed — no real resource, no internet.

/** Settings that would point the stack at something other than its own stand-ins. */
const CONNECTION_SETTINGS = [
  'AzureWebJobsStorage',
  'COSMOS_ENDPOINT',
  'COSMOS_KEY',
  'ServiceBusConnection',
  'ServiceBusConnection__fullyQualifiedNamespace',
  'SMTP_HOST',
  'SMTP_PORT',
  'MAIL_TRANSPORT',
];

/**
 * `base` (usually process.env) without the connection settings and `drop`, with free ports, LOCAL_MAIL_DIR
 * and then `settings` on top.
 */
export function freePortStackEnv(
  base: NodeJS.ProcessEnv,
  mailDir: string,
  settings: Record<string, string> = {},
  drop: readonly string[] = [],
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const k of [...CONNECTION_SETTINGS, ...drop]) delete env[k];
  return {
    ...env,
    LOCAL_HTTP_PORT: '0',
    LOCAL_BLOB_PORT: '0',
    LOCAL_QUEUE_PORT: '0',
    LOCAL_TABLE_PORT: '0',
    LOCAL_COSMOS_PORT: '0',
    LOCAL_SERVICEBUS_PORT: '0',
    LOCAL_SMTP_PORT: '0',
    LOCAL_MAIL_DIR: mailDir,
    ...settings,
  };
}
