// Which stand-ins to start: one per dependency whose setting does not name a real resource.
// "Real" means set and pointing somewhere other than this machine; unset, UseDevelopmentStorage=true or a
// loopback address means "use the local stand-in" (which then listens on the LOCAL_*_PORT settings).

export type StandInName = 'azurite' | 'cosmos' | 'serviceBus' | 'smtp';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK.has(host.toLowerCase());
}

function hostOfUrl(value: string): string | undefined {
  try {
    return new URL(value).hostname;
  } catch {
    return undefined;
  }
}

/** Reads `Key=value;...` connection strings (keys case-insensitive). */
export function parseConnectionString(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of value.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim().toLowerCase(), part.slice(i + 1).trim());
  }
  return out;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === '';

export function storageIsLocal(
  value: string | undefined,
  keyless: { blobServiceUri?: string | undefined; accountName?: string | undefined } = {},
): boolean {
  if (blank(value)) {
    // Keyless settings name a real account unless the URI points at this machine.
    if (!blank(keyless.blobServiceUri)) return isLoopbackHost(hostOfUrl(keyless.blobServiceUri!));
    return blank(keyless.accountName);
  }
  const cs = parseConnectionString(value!);
  if (cs.get('usedevelopmentstorage') === 'true') return true;
  const endpoints = ['blobendpoint', 'queueendpoint', 'tableendpoint'].map((k) => cs.get(k)).filter((v): v is string => !!v);
  return endpoints.length > 0 && endpoints.every((e) => isLoopbackHost(hostOfUrl(e)));
}

export function cosmosIsLocal(endpoint: string | undefined): boolean {
  return blank(endpoint) || isLoopbackHost(hostOfUrl(endpoint!));
}

export function serviceBusIsLocal(connection: string | undefined, namespace: string | undefined): boolean {
  if (!blank(namespace) && blank(connection)) return isLoopbackHost(namespace!.split(':')[0]);
  if (blank(connection)) return true;
  const endpoint = parseConnectionString(connection!).get('endpoint');
  return endpoint === undefined || isLoopbackHost(hostOfUrl(endpoint));
}

export function smtpIsLocal(transport: string | undefined, host: string | undefined): boolean {
  if ((transport ?? 'smtp').trim().toLowerCase() === 'acs') return false;
  return blank(host) || isLoopbackHost(host!.trim());
}

/** The stand-ins to start for this environment. */
export function planStandIns(env: Record<string, string | undefined>): Record<StandInName, boolean> {
  return {
    azurite: storageIsLocal(env.AzureWebJobsStorage, {
      blobServiceUri: env.AzureWebJobsStorage__blobServiceUri,
      accountName: env.AzureWebJobsStorage__accountName,
    }),
    cosmos: cosmosIsLocal(env.COSMOS_ENDPOINT),
    serviceBus: serviceBusIsLocal(env.ServiceBusConnection, env.ServiceBusConnection__fullyQualifiedNamespace),
    smtp: smtpIsLocal(env.MAIL_TRANSPORT, env.SMTP_HOST),
  };
}
