// Client construction: the right constructor / options for key-based and keyless connections, and the
// credential factory. No network: clients are built and closed, never used; credentials are fakes.
import { EmailClient } from '@azure/communication-email';
import * as identityModule from '@azure/identity';
import { type AccessToken, DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { ServiceBusClient } from '@azure/service-bus';
import { describe, expect, it, vi } from 'vitest';

import { buildRoot } from '../../../functions/composition.js';
import { createBlobServiceClient } from '../../../shared/adapters/blob/exports.js';
import { cosmosClientOptions, createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import {
  buildCredential,
  createCredentialFactory,
  type CredentialFactory,
  type IdentityModule,
} from '../../../shared/adapters/identity/credential.js';
import { ACS_TOKEN_SCOPE, acsProbe, createEmailClient } from '../../../shared/adapters/mail/acs.js';
import { createServiceBusClient } from '../../../shared/adapters/servicebus/bus.js';
import { loadConfig } from '../../../shared/config/config.js';
import { type IdentityChoice } from '../../../shared/config/connections.js';

const CLIENT_ID = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const MANAGED: IdentityChoice = { kind: 'managedIdentity', clientId: CLIENT_ID };

const TOKEN: AccessToken = { token: 'fake-token', expiresOnTimestamp: Date.now() + 3_600_000 };

/** A factory handing out one fake credential, recording each choice asked for. */
function fakeCredentials(token: AccessToken | null = TOKEN) {
  const credential: TokenCredential & { getToken: ReturnType<typeof vi.fn> } = { getToken: vi.fn(async () => token) };
  const choices: IdentityChoice[] = [];
  const factory: CredentialFactory = (choice) => {
    choices.push(choice);
    return credential;
  };
  return { factory, credential, choices };
}

describe('buildCredential', () => {
  it('ManagedIdentityCredential({ clientId }) for a user-assigned managed identity', () => {
    const fake = {
      ManagedIdentityCredential: vi.fn(function () {}),
      DefaultAzureCredential: vi.fn(function () {}),
    };
    buildCredential(MANAGED, fake as unknown as IdentityModule);
    expect(fake.ManagedIdentityCredential).toHaveBeenCalledWith({ clientId: CLIENT_ID });
    expect(fake.DefaultAzureCredential).not.toHaveBeenCalled();
    expect(buildCredential(MANAGED, identityModule)).toBeInstanceOf(ManagedIdentityCredential);
  });

  it('ManagedIdentityCredential() (system-assigned) without a client id', () => {
    const fake = { ManagedIdentityCredential: vi.fn(function () {}), DefaultAzureCredential: vi.fn(function () {}) };
    buildCredential({ kind: 'managedIdentity' }, fake as unknown as IdentityModule);
    expect(fake.ManagedIdentityCredential).toHaveBeenCalledWith();
    expect(buildCredential({ kind: 'managedIdentity' }, identityModule)).toBeInstanceOf(ManagedIdentityCredential);
  });

  it('DefaultAzureCredential otherwise, told the client id if there is one', () => {
    const fake = { ManagedIdentityCredential: vi.fn(function () {}), DefaultAzureCredential: vi.fn(function () {}) };
    buildCredential({ kind: 'default', clientId: CLIENT_ID }, fake as unknown as IdentityModule);
    buildCredential({ kind: 'default' }, fake as unknown as IdentityModule);
    expect(fake.DefaultAzureCredential.mock.calls).toEqual([[{ managedIdentityClientId: CLIENT_ID }], [{}]]);
    expect(fake.ManagedIdentityCredential).not.toHaveBeenCalled();
    expect(buildCredential({ kind: 'default' }, identityModule)).toBeInstanceOf(DefaultAzureCredential);
  });
});

describe('createCredentialFactory', () => {
  function fakeModule() {
    const getToken = vi.fn(async () => TOKEN);
    const made: unknown[][] = [];
    const module = {
      ManagedIdentityCredential: vi.fn(function (this: TokenCredential, ...args: unknown[]) {
        made.push(['managed', ...args]);
        this.getToken = getToken;
      }),
      DefaultAzureCredential: vi.fn(function (this: TokenCredential, ...args: unknown[]) {
        made.push(['default', ...args]);
        this.getToken = getToken;
      }),
    } as unknown as IdentityModule;
    return { module, getToken, made };
  }

  it('loads @azure/identity and builds the credential only on the first token request', async () => {
    const { module, getToken, made } = fakeModule();
    const load = vi.fn(async () => module);
    const credentials = createCredentialFactory(load);
    const credential = credentials(MANAGED);
    expect(load).not.toHaveBeenCalled();
    expect(made).toEqual([]);

    await expect(credential.getToken('https://example/.default')).resolves.toBe(TOKEN);
    await credential.getToken(['https://example/.default']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(made).toEqual([['managed', { clientId: CLIENT_ID }]]);
    expect(getToken).toHaveBeenLastCalledWith(['https://example/.default'], undefined);
  });

  it('hands out one credential per identity', () => {
    const credentials = createCredentialFactory(async () => fakeModule().module);
    expect(credentials(MANAGED)).toBe(credentials({ kind: 'managedIdentity', clientId: CLIENT_ID }));
    expect(credentials(MANAGED)).not.toBe(credentials({ kind: 'default', clientId: CLIENT_ID }));
    expect(credentials({ kind: 'default' })).not.toBe(credentials({ kind: 'default', clientId: CLIENT_ID }));
  });

  it('tries loading again after a failure', async () => {
    const { module } = fakeModule();
    const load = vi.fn<() => Promise<IdentityModule>>().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(module);
    const credential = createCredentialFactory(load)({ kind: 'default' });
    await expect(credential.getToken('s')).rejects.toThrow('boom');
    await expect(credential.getToken('s')).resolves.toBe(TOKEN);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('Cosmos DB client', () => {
  it('key-based: the key, no credential', () => {
    const { factory, choices } = fakeCredentials();
    const options = cosmosClientOptions(loadConfig({}), factory);
    expect(options.key).toBe(loadConfig({}).COSMOS_KEY);
    expect(options.aadCredentials).toBeUndefined();
    expect(choices).toEqual([]);
  });

  it('keyless: aadCredentials from the factory, no key', () => {
    const { factory, credential, choices } = fakeCredentials();
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', AZURE_CLIENT_ID: CLIENT_ID }, 'local');
    const options = cosmosClientOptions(config, factory);
    expect(options.endpoint).toBe('https://acct.documents.azure.com:443/');
    expect(options.key).toBeUndefined();
    expect(options.aadCredentials).toBe(credential);
    expect(choices).toEqual([{ kind: 'default', clientId: CLIENT_ID }]);
    const client = createCosmosClient(config, factory);
    client.dispose();
  });
});

describe('Service Bus client', () => {
  it('from a connection string', async () => {
    const { factory, choices } = fakeCredentials();
    const client = createServiceBusClient(
      {
        auth: 'connectionString',
        connectionString: 'Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true',
      },
      factory,
    );
    expect(client).toBeInstanceOf(ServiceBusClient);
    expect(client.fullyQualifiedNamespace).toBe('127.0.0.1');
    expect(choices).toEqual([]);
    await client.close();
  });

  it('keyless: new ServiceBusClient(namespace, credential)', async () => {
    const { factory, choices } = fakeCredentials();
    const client = createServiceBusClient(
      { auth: 'identity', fullyQualifiedNamespace: 'ns.servicebus.windows.net', identity: MANAGED },
      factory,
    );
    expect(client.fullyQualifiedNamespace).toBe('ns.servicebus.windows.net');
    expect(choices).toEqual([MANAGED]);
    await client.close();
  });
});

describe('Blob service client', () => {
  it('from a connection string (also as a plain string)', () => {
    const { factory, choices } = fakeCredentials();
    expect(createBlobServiceClient({ auth: 'connectionString', connectionString: 'UseDevelopmentStorage=true' }, factory).url).toMatch(
      /^http:\/\/127\.0\.0\.1:10000\/devstoreaccount1/,
    );
    expect(createBlobServiceClient('UseDevelopmentStorage=true').url).toMatch(/^http:\/\/127\.0\.0\.1:10000\//);
    expect(choices).toEqual([]);
  });

  it('keyless: new BlobServiceClient(uri, credential)', () => {
    const { factory, credential, choices } = fakeCredentials();
    const client = createBlobServiceClient(
      { auth: 'identity', blobServiceUri: 'https://st.blob.core.windows.net/', identity: MANAGED },
      factory,
    );
    expect(client.url).toBe('https://st.blob.core.windows.net/');
    expect(client.credential).toBe(credential);
    expect(choices).toEqual([MANAGED]);
  });
});

describe('ACS email', () => {
  it('keyless: an EmailClient on the endpoint with the credential', () => {
    const { factory, choices } = fakeCredentials();
    expect(
      createEmailClient({ auth: 'identity', endpoint: 'https://acs.communication.azure.com', identity: MANAGED }, factory),
    ).toBeInstanceOf(EmailClient);
    expect(choices).toEqual([MANAGED]);
    expect(
      createEmailClient(
        { auth: 'connectionString', connectionString: 'endpoint=https://acs.communication.azure.com/;accesskey=a2V5' },
        factory,
      ),
    ).toBeInstanceOf(EmailClient);
    expect(choices).toHaveLength(1);
  });

  it('probe, key-based: the connection string names an endpoint', async () => {
    await expect(acsProbe('endpoint=https://acs.communication.azure.com/;accesskey=a2V5').check()).resolves.toBeUndefined();
    await expect(acsProbe({ auth: 'connectionString', connectionString: 'accesskey=a2V5' }).check()).rejects.toThrow(/no endpoint/);
  });

  it('probe, keyless: gets a token for ACS from the identity', async () => {
    const ok = fakeCredentials();
    await expect(
      acsProbe({ auth: 'identity', endpoint: 'https://acs.communication.azure.com', identity: MANAGED }, ok.factory).check(),
    ).resolves.toBeUndefined();
    expect(ok.credential.getToken).toHaveBeenCalledWith(ACS_TOKEN_SCOPE);
    const none = fakeCredentials(null);
    await expect(
      acsProbe({ auth: 'identity', endpoint: 'https://acs.communication.azure.com', identity: MANAGED }, none.factory).check(),
    ).rejects.toThrow(/no Microsoft Entra token/);
  });
});

describe('buildRoot', () => {
  it('locally against the stand-ins, never asks for a credential', async () => {
    const { factory, choices } = fakeCredentials();
    const root = buildRoot(loadConfig({}, 'local'), { credentials: factory });
    expect(choices).toEqual([]);
    expect(root.ports.probes.map((p) => p.name)).toEqual(['cosmos', 'storage', 'serviceBus', 'mail', 'partnerInsights']);
    await root.close();
  });

  it('keyless on Azure, builds every client with the identity the config chose', async () => {
    const { factory, choices } = fakeCredentials();
    const config = loadConfig(
      {
        WEBSITE_SITE_NAME: 'dt-func',
        AZURE_CLIENT_ID: CLIENT_ID,
        COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/',
        ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net',
        AzureWebJobsStorage__blobServiceUri: 'https://st.blob.core.windows.net/',
        MAIL_TRANSPORT: 'acs',
        ACS_ENDPOINT: 'https://acs.communication.azure.com',
        MAIL_FROM: 'tracker@example.com',
      },
      'azure',
    );
    const root = buildRoot(config, { credentials: factory });
    // Cosmos, Service Bus, storage and the ACS client (the ACS probe asks when it runs).
    expect(choices).toEqual([MANAGED, MANAGED, MANAGED, MANAGED]);
    await root.close();
  });
});
