// How the app reaches Cosmos DB, Service Bus, Blob Storage and ACS: with a key / connection string, or
// keyless through an identity (managed identity on Azure, the developer's sign-in locally).
//
// Setting names follow the Functions host's identity-based connections, so the app's own clients and the
// trigger bindings read the same settings: `<connection>` is a connection string; otherwise
// `<connection>__fullyQualifiedNamespace` / `__blobServiceUri` / `__accountName` name the resource, and
// `<connection>__credential` (= managedidentity) and `<connection>__clientId` pick the identity. As in the host,
// an exact `<connection>` setting wins over the `<connection>__*` ones.
//
// Pure: this only decides; shared/adapters/identity turns an IdentityChoice into a credential.

export type Profile = 'local' | 'azure';

/** Which credential a keyless connection uses. */
export interface IdentityChoice {
  /**
   * managedIdentity: ManagedIdentityCredential (on Azure with a client id, or when `<connection>__credential`
   * is managedidentity). default: DefaultAzureCredential (environment, workload identity, managed identity,
   * Azure CLI / azd / PowerShell sign-in — local runs against Azure).
   */
  kind: 'managedIdentity' | 'default';
  /** Client id of a user-assigned managed identity; absent = system-assigned / whatever DefaultAzureCredential finds. */
  clientId?: string;
}

export type CosmosAccess =
  { auth: 'key'; endpoint: string; key: string } | { auth: 'identity'; endpoint: string; identity: IdentityChoice };

export type ServiceBusAccess =
  { auth: 'connectionString'; connectionString: string } | { auth: 'identity'; fullyQualifiedNamespace: string; identity: IdentityChoice };

export type BlobAccess =
  { auth: 'connectionString'; connectionString: string } | { auth: 'identity'; blobServiceUri: string; identity: IdentityChoice };

export type AcsAccess =
  { auth: 'connectionString'; connectionString: string } | { auth: 'identity'; endpoint: string; identity: IdentityChoice };

export interface Connections {
  cosmos: CosmosAccess;
  serviceBus: ServiceBusAccess;
  storage: BlobAccess;
  /** Set when ACS_CONNECTION_STRING or ACS_ENDPOINT is (required with MAIL_TRANSPORT=acs). */
  acs?: AcsAccess;
}

/** True when at least one connection is keyless (then, and only then, a credential is ever created). */
export function usesIdentity(c: Connections): boolean {
  return [c.cosmos, c.serviceBus, c.storage, c.acs].some((a) => a?.auth === 'identity');
}

export const SERVICE_BUS = 'ServiceBusConnection';
export const STORAGE = 'AzureWebJobsStorage';

/** The value `<connection>__credential` takes for a managed identity (the only value the Functions host knows). */
export const MANAGED_IDENTITY = 'managedidentity';

/** Settings (already trimmed, blanks removed, each validated on its own) that decide the connections. */
export interface ConnectionSettings {
  COSMOS_ENDPOINT: string;
  COSMOS_KEY?: string | undefined;
  AzureWebJobsStorage?: string | undefined;
  AzureWebJobsStorage__blobServiceUri?: string | undefined;
  AzureWebJobsStorage__accountName?: string | undefined;
  AzureWebJobsStorage__credential?: string | undefined;
  AzureWebJobsStorage__clientId?: string | undefined;
  ServiceBusConnection?: string | undefined;
  ServiceBusConnection__fullyQualifiedNamespace?: string | undefined;
  ServiceBusConnection__credential?: string | undefined;
  ServiceBusConnection__clientId?: string | undefined;
  ACS_CONNECTION_STRING?: string | undefined;
  ACS_ENDPOINT?: string | undefined;
  AZURE_CLIENT_ID?: string | undefined;
}

/** What each connection falls back to off Azure when nothing is said: the local stand-ins. */
export interface LocalConnectionDefaults {
  COSMOS_KEY: string;
  AzureWebJobsStorage: string;
  ServiceBusConnection: string;
}

/**
 * The identity of a keyless connection: `<prefix>__clientId`, else AZURE_CLIENT_ID. A managed identity when
 * asked for (`<prefix>__credential` = managedidentity) or on Azure with a client id; DefaultAzureCredential
 * otherwise (locally: the developer's sign-in).
 */
export function identityFor(
  settings: Pick<ConnectionSettings, 'AZURE_CLIENT_ID'> & { credential?: string | undefined; clientId?: string | undefined },
  profile: Profile,
): IdentityChoice {
  const clientId = settings.clientId ?? settings.AZURE_CLIENT_ID;
  const managed = settings.credential?.toLowerCase() === MANAGED_IDENTITY || (profile === 'azure' && clientId !== undefined);
  return { kind: managed ? 'managedIdentity' : 'default', ...(clientId !== undefined ? { clientId } : {}) };
}

/** A Cosmos DB account endpoint in Azure (public or sovereign clouds), as opposed to an emulator or stand-in. */
export function isCosmosAccountEndpoint(endpoint: string): boolean {
  try {
    return /\.documents\.azure\.(com|us|cn)$/i.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** The blob endpoint of an account name (public cloud; set AzureWebJobsStorage__blobServiceUri elsewhere). */
export const blobServiceUriOf = (accountName: string) => `https://${accountName}.blob.core.windows.net`;

/** `sb://ns.servicebus.windows.net/` or `ns.servicebus.windows.net` → `ns.servicebus.windows.net`. */
export function normalizeNamespace(value: string): string {
  return value
    .trim()
    .replace(/^sb:\/\//i, '')
    .replace(/\/+$/, '');
}

export const MISSING = {
  ServiceBusConnection: `required: either ${SERVICE_BUS} (a connection string, Endpoint=sb://...) or ${SERVICE_BUS}__fullyQualifiedNamespace (keyless: <namespace>.servicebus.windows.net)`,
  AzureWebJobsStorage: `required: either ${STORAGE} (a connection string) or ${STORAGE}__blobServiceUri / ${STORAGE}__accountName (keyless)`,
  ACS_CONNECTION_STRING:
    'required when MAIL_TRANSPORT=acs: either ACS_CONNECTION_STRING (endpoint=https://...;accesskey=...) or ACS_ENDPOINT (keyless: https://<resource>.communication.azure.com)',
} as const;

/**
 * Names each connection that has nothing to go on: off Azure only ACS can be missing (the others fall back to
 * the stand-ins); on Azure there are no fallbacks. `isSet` says whether a setting has a value.
 */
export function missingConnections(
  isSet: (name: string) => boolean,
  profile: Profile,
  mailTransport: string,
): Array<{ setting: keyof typeof MISSING; problem: string }> {
  const out: Array<{ setting: keyof typeof MISSING; problem: string }> = [];
  if (profile === 'azure') {
    if (!isSet(SERVICE_BUS) && !isSet(`${SERVICE_BUS}__fullyQualifiedNamespace`)) {
      out.push({ setting: 'ServiceBusConnection', problem: MISSING.ServiceBusConnection });
    }
    if (!isSet(STORAGE) && !isSet(`${STORAGE}__blobServiceUri`) && !isSet(`${STORAGE}__accountName`)) {
      out.push({ setting: 'AzureWebJobsStorage', problem: MISSING.AzureWebJobsStorage });
    }
  }
  if (mailTransport === 'acs' && !isSet('ACS_CONNECTION_STRING') && !isSet('ACS_ENDPOINT')) {
    out.push({ setting: 'ACS_CONNECTION_STRING', problem: MISSING.ACS_CONNECTION_STRING });
  }
  return out;
}

/**
 * Decides every connection. Returns undefined for a connection with nothing to go on (missingConnections
 * names it; loadConfig never returns a Config then).
 */
export function resolveConnections(
  s: ConnectionSettings,
  profile: Profile,
  local: LocalConnectionDefaults,
): { cosmos: CosmosAccess; serviceBus: ServiceBusAccess | undefined; storage: BlobAccess | undefined; acs: AcsAccess | undefined } {
  const appIdentity = identityFor({ AZURE_CLIENT_ID: s.AZURE_CLIENT_ID }, profile);

  // Cosmos: a key when given. Off Azure, an endpoint that is not an Azure account (the stand-in, an emulator)
  // gets the emulator's well-known key, as before; an Azure account without a key is keyless.
  const cosmosKey = s.COSMOS_KEY ?? (profile === 'local' && !isCosmosAccountEndpoint(s.COSMOS_ENDPOINT) ? local.COSMOS_KEY : undefined);
  const cosmos: CosmosAccess =
    cosmosKey !== undefined
      ? { auth: 'key', endpoint: s.COSMOS_ENDPOINT, key: cosmosKey }
      : { auth: 'identity', endpoint: s.COSMOS_ENDPOINT, identity: appIdentity };

  const sbIdentity = () =>
    identityFor(
      { AZURE_CLIENT_ID: s.AZURE_CLIENT_ID, credential: s.ServiceBusConnection__credential, clientId: s.ServiceBusConnection__clientId },
      profile,
    );
  let serviceBus: ServiceBusAccess | undefined;
  if (s.ServiceBusConnection !== undefined) serviceBus = { auth: 'connectionString', connectionString: s.ServiceBusConnection };
  else if (s.ServiceBusConnection__fullyQualifiedNamespace !== undefined) {
    serviceBus = {
      auth: 'identity',
      fullyQualifiedNamespace: normalizeNamespace(s.ServiceBusConnection__fullyQualifiedNamespace),
      identity: sbIdentity(),
    };
  } else if (profile === 'local') serviceBus = { auth: 'connectionString', connectionString: local.ServiceBusConnection };

  const storageIdentity = () =>
    identityFor(
      { AZURE_CLIENT_ID: s.AZURE_CLIENT_ID, credential: s.AzureWebJobsStorage__credential, clientId: s.AzureWebJobsStorage__clientId },
      profile,
    );
  let storage: BlobAccess | undefined;
  if (s.AzureWebJobsStorage !== undefined) storage = { auth: 'connectionString', connectionString: s.AzureWebJobsStorage };
  else if (s.AzureWebJobsStorage__blobServiceUri !== undefined) {
    storage = { auth: 'identity', blobServiceUri: s.AzureWebJobsStorage__blobServiceUri, identity: storageIdentity() };
  } else if (s.AzureWebJobsStorage__accountName !== undefined) {
    storage = { auth: 'identity', blobServiceUri: blobServiceUriOf(s.AzureWebJobsStorage__accountName), identity: storageIdentity() };
  } else if (profile === 'local') storage = { auth: 'connectionString', connectionString: local.AzureWebJobsStorage };

  let acs: AcsAccess | undefined;
  if (s.ACS_CONNECTION_STRING !== undefined) acs = { auth: 'connectionString', connectionString: s.ACS_CONNECTION_STRING };
  else if (s.ACS_ENDPOINT !== undefined) acs = { auth: 'identity', endpoint: s.ACS_ENDPOINT, identity: appIdentity };

  return { cosmos, serviceBus, storage, acs };
}
