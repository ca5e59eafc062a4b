// How the settings decide each connection: key-based, keyless (which identity), or a named error.
import { describe, expect, it } from 'vitest';

import { type Config, loadConfig, LOCAL_COSMOS_KEY, LOCAL_DEFAULTS } from '../../../shared/config/config.js';
import { usesIdentity } from '../../../shared/config/connections.js';
import { problemsOf } from './problems.js';

const CLIENT_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const OTHER_CLIENT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const COSMOS = 'https://acct.documents.azure.com:443/';
const SB_CS = 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=a2V5';
const STORAGE_CS = 'DefaultEndpointsProtocol=https;AccountName=st;AccountKey=a2V5;EndpointSuffix=core.windows.net';

/** Settings every Azure config needs besides the connections. */
const AZURE_BASE = { WEBSITE_SITE_NAME: 'dt-func', SMTP_HOST: 'smtp.example.com', MAIL_FROM: 'tracker@example.com' };

const KEYLESS_AZURE = {
  ...AZURE_BASE,
  COSMOS_ENDPOINT: COSMOS,
  ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net',
  AzureWebJobsStorage__blobServiceUri: 'https://st.blob.core.windows.net/',
};

describe('connections: key-based', () => {
  it('locally with no settings, every connection is key-based against the stand-ins, as before', () => {
    const c = loadConfig({});
    expect(c.connections).toEqual({
      cosmos: { auth: 'key', endpoint: LOCAL_DEFAULTS.COSMOS_ENDPOINT, key: LOCAL_COSMOS_KEY },
      serviceBus: { auth: 'connectionString', connectionString: LOCAL_DEFAULTS.ServiceBusConnection },
      storage: { auth: 'connectionString', connectionString: LOCAL_DEFAULTS.AzureWebJobsStorage },
    });
    expect(usesIdentity(c.connections)).toBe(false);
    // The plain values tools and tests read, unchanged.
    expect(c.COSMOS_KEY).toBe(LOCAL_COSMOS_KEY);
    expect(c.ServiceBusConnection).toBe(LOCAL_DEFAULTS.ServiceBusConnection);
    expect(c.AzureWebJobsStorage).toBe(LOCAL_DEFAULTS.AzureWebJobsStorage);
  });

  it('on Azure, keys and connection strings are used as given', () => {
    const c = loadConfig({
      ...AZURE_BASE,
      COSMOS_ENDPOINT: COSMOS,
      COSMOS_KEY: 'a2V5',
      ServiceBusConnection: SB_CS,
      AzureWebJobsStorage: STORAGE_CS,
    });
    expect(c.connections).toEqual({
      cosmos: { auth: 'key', endpoint: COSMOS, key: 'a2V5' },
      serviceBus: { auth: 'connectionString', connectionString: SB_CS },
      storage: { auth: 'connectionString', connectionString: STORAGE_CS },
    });
    expect([c.COSMOS_KEY, c.ServiceBusConnection, c.AzureWebJobsStorage]).toEqual(['a2V5', SB_CS, STORAGE_CS]);
  });

  it('off Azure, an endpoint that is not an Azure account still gets the emulator key', () => {
    const c = loadConfig({ COSMOS_ENDPOINT: 'https://devbox:8081', COSMOS_ALLOW_SELF_SIGNED: 'true' });
    expect(c.connections.cosmos).toEqual({ auth: 'key', endpoint: 'https://devbox:8081', key: LOCAL_COSMOS_KEY });
  });
});

describe('connections: keyless', () => {
  it('on Azure with AZURE_CLIENT_ID, every connection uses that managed identity; no key anywhere', () => {
    const c = loadConfig({
      ...KEYLESS_AZURE,
      AZURE_CLIENT_ID: CLIENT_ID,
      MAIL_TRANSPORT: 'acs',
      ACS_ENDPOINT: 'https://acs.communication.azure.com',
    });
    const identity = { kind: 'managedIdentity', clientId: CLIENT_ID };
    expect(c.connections).toEqual({
      cosmos: { auth: 'identity', endpoint: COSMOS, identity },
      serviceBus: { auth: 'identity', fullyQualifiedNamespace: 'ns.servicebus.windows.net', identity },
      storage: { auth: 'identity', blobServiceUri: 'https://st.blob.core.windows.net/', identity },
      acs: { auth: 'identity', endpoint: 'https://acs.communication.azure.com', identity },
    });
    expect(usesIdentity(c.connections)).toBe(true);
    expect([c.COSMOS_KEY, c.ServiceBusConnection, c.AzureWebJobsStorage]).toEqual(['', '', '']);
  });

  it('follows the Functions host: __credential=managedidentity and __clientId per connection', () => {
    const c = loadConfig({
      ...KEYLESS_AZURE,
      AZURE_CLIENT_ID: CLIENT_ID,
      ServiceBusConnection__credential: 'managedidentity',
      ServiceBusConnection__clientId: OTHER_CLIENT_ID,
      AzureWebJobsStorage__credential: 'ManagedIdentity',
    });
    expect(c.connections.serviceBus).toMatchObject({ identity: { kind: 'managedIdentity', clientId: OTHER_CLIENT_ID } });
    expect(c.connections.storage).toMatchObject({ identity: { kind: 'managedIdentity', clientId: CLIENT_ID } });
    expect(c.AzureWebJobsStorage__credential).toBe('managedidentity');
  });

  it('on Azure without a client id: the system-assigned identity when asked for, else DefaultAzureCredential', () => {
    const c = loadConfig({ ...KEYLESS_AZURE, ServiceBusConnection__credential: 'managedidentity' });
    expect(c.connections.serviceBus).toMatchObject({ identity: { kind: 'managedIdentity' } });
    expect(c.connections.serviceBus).not.toHaveProperty('identity.clientId');
    expect(c.connections.cosmos).toEqual({ auth: 'identity', endpoint: COSMOS, identity: { kind: 'default' } });
  });

  it('locally against Azure, keyless connections use DefaultAzureCredential (the developer sign-in)', () => {
    const c = loadConfig({
      COSMOS_ENDPOINT: COSMOS,
      ServiceBusConnection__fullyQualifiedNamespace: 'sb://ns.servicebus.windows.net/',
      AzureWebJobsStorage__accountName: 'stdtabc',
      AZURE_CLIENT_ID: CLIENT_ID,
    });
    const identity = { kind: 'default', clientId: CLIENT_ID };
    expect(c.connections).toEqual({
      cosmos: { auth: 'identity', endpoint: COSMOS, identity },
      serviceBus: { auth: 'identity', fullyQualifiedNamespace: 'ns.servicebus.windows.net', identity },
      storage: { auth: 'identity', blobServiceUri: 'https://stdtabc.blob.core.windows.net', identity },
    });
  });
});

describe('connections: mixed', () => {
  it('decides each connection on its own', () => {
    const c = loadConfig({
      ...AZURE_BASE,
      COSMOS_ENDPOINT: COSMOS,
      COSMOS_KEY: 'a2V5',
      ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net',
      AzureWebJobsStorage: STORAGE_CS,
      AZURE_CLIENT_ID: CLIENT_ID,
      MAIL_TRANSPORT: 'acs',
      ACS_CONNECTION_STRING: 'endpoint=https://acs.communication.azure.com/;accesskey=a2V5',
    });
    expect(c.connections.cosmos.auth).toBe('key');
    expect(c.connections.serviceBus.auth).toBe('identity');
    expect(c.connections.storage.auth).toBe('connectionString');
    expect(c.connections.acs?.auth).toBe('connectionString');
    expect(c.ServiceBusConnection).toBe('');
    expect(c.AzureWebJobsStorage).toBe(STORAGE_CS);
  });

  it('a connection string wins over the keyless settings of the same connection, as in the Functions host', () => {
    const c = loadConfig({
      ...KEYLESS_AZURE,
      ServiceBusConnection: SB_CS,
      AzureWebJobsStorage: STORAGE_CS,
      MAIL_TRANSPORT: 'acs',
      ACS_CONNECTION_STRING: 'endpoint=https://acs.communication.azure.com/;accesskey=a2V5',
      ACS_ENDPOINT: 'https://acs.communication.azure.com',
    });
    expect(c.connections.serviceBus).toEqual({ auth: 'connectionString', connectionString: SB_CS });
    expect(c.connections.storage).toEqual({ auth: 'connectionString', connectionString: STORAGE_CS });
    expect(c.connections.acs?.auth).toBe('connectionString');
  });

  it('locally, a keyless Service Bus leaves the other connections on the stand-ins', () => {
    const c: Config = loadConfig({ ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net' });
    expect(c.connections.serviceBus.auth).toBe('identity');
    expect(c.connections.cosmos.auth).toBe('key');
    expect(c.connections.storage).toEqual({ auth: 'connectionString', connectionString: 'UseDevelopmentStorage=true' });
  });
});

describe('connections: missing or bad settings are named', () => {
  it('on Azure, a missing connection names both ways to set it', () => {
    const p = problemsOf({ ...AZURE_BASE, COSMOS_ENDPOINT: COSMOS, AZURE_CLIENT_ID: CLIENT_ID, ServiceBusConnection__clientId: CLIENT_ID });
    expect(Object.keys(p).sort()).toEqual(['AzureWebJobsStorage', 'ServiceBusConnection']);
    expect(p.ServiceBusConnection).toMatch(
      /either ServiceBusConnection \(a connection string.*\) or ServiceBusConnection__fullyQualifiedNamespace/,
    );
    expect(p.AzureWebJobsStorage).toMatch(
      /either AzureWebJobsStorage .* or AzureWebJobsStorage__blobServiceUri \/ AzureWebJobsStorage__accountName/,
    );
  });

  it('with MAIL_TRANSPORT=acs, needs ACS_CONNECTION_STRING or ACS_ENDPOINT', () => {
    expect(problemsOf({ MAIL_TRANSPORT: 'acs' }).ACS_CONNECTION_STRING).toMatch(/either ACS_CONNECTION_STRING .* or ACS_ENDPOINT/);
    expect(loadConfig({ MAIL_TRANSPORT: 'acs', ACS_ENDPOINT: 'https://acs.communication.azure.com' }).connections.acs).toEqual({
      auth: 'identity',
      endpoint: 'https://acs.communication.azure.com',
      identity: { kind: 'default' },
    });
  });

  it('names each bad keyless setting, together with the other problems', () => {
    const p = problemsOf({
      ServiceBusConnection__fullyQualifiedNamespace: 'not a host/queue',
      ServiceBusConnection__credential: 'azurecli',
      AzureWebJobsStorage__blobServiceUri: 'http://st.blob.core.windows.net',
      AzureWebJobsStorage__accountName: 'Not_An_Account',
      AzureWebJobsStorage__clientId: 'my-identity',
      AZURE_CLIENT_ID: 'nope',
      ACS_ENDPOINT: 'acs.communication.azure.com',
      DATA_COMPLETE_DAY: '31',
    });
    expect(Object.keys(p).sort()).toEqual(
      [
        'ACS_ENDPOINT',
        'AZURE_CLIENT_ID',
        'AzureWebJobsStorage__accountName',
        'AzureWebJobsStorage__blobServiceUri',
        'AzureWebJobsStorage__clientId',
        'DATA_COMPLETE_DAY',
        'ServiceBusConnection__credential',
        'ServiceBusConnection__fullyQualifiedNamespace',
      ].sort(),
    );
    expect(p.ServiceBusConnection__fullyQualifiedNamespace).toMatch(/<namespace>\.servicebus\.windows\.net/);
    expect(p.ServiceBusConnection__credential).toMatch(/managedidentity/);
    expect(p.AzureWebJobsStorage__blobServiceUri).toMatch(/https URL/);
    expect(p.AzureWebJobsStorage__accountName).toMatch(/3-24 lowercase/);
    expect(p.AZURE_CLIENT_ID).toMatch(/GUID/);
    expect(p.ACS_ENDPOINT).toMatch(/https URL/);
  });

  it('a bad connection string is named even when a keyless alternative is set', () => {
    const p = problemsOf({ ServiceBusConnection: 'Server=x', ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net' });
    expect(Object.keys(p)).toEqual(['ServiceBusConnection']);
    expect(p.ServiceBusConnection).not.toContain('Server=x');
  });
});
