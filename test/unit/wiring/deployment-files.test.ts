// Infra cannot be compiled here (no Bicep compiler offline), so these checks keep the text honest: every
// name a binding or the config reads must appear where Azure and `func start` will look for it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYLESS_SETTING_NAMES, loadConfig, SETTING_NAMES } from '../../../shared/config/index.js';
import { CONTAINERS, QUEUES } from '../../../shared/ports/index.js';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const bicep = readdirSync(path.join(root, 'infra'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.bicep'))
  .map((f) => read(path.join('infra', f)))
  .join('\n');

/** `{ name: 'X', value: ... }` app settings of the Bicep text: name → the value expression. */
const appSettings = new Map([...bicep.matchAll(/\{\s*name:\s*'(\w+)',\s*value:\s*(.+?)\s*\}\s*$/gm)].map((m) => [m[1]!, m[2]!]));

// Settings the app reads that are not deployed, and why.
const NOT_DEPLOYED: Record<string, string> = {
  SMTP_USER: 'SMTP credentials are not used with ACS',
  SMTP_PASSWORD: 'SMTP credentials are not used with ACS',
  COSMOS_ALLOW_SELF_SIGNED: 'self-signed TLS is for the local stand-in',
  COSMOS_KEY: 'keyless: the managed identity has a Cosmos DB data-plane role',
  ServiceBusConnection: 'keyless: ServiceBusConnection__fullyQualifiedNamespace',
  AzureWebJobsStorage: 'keyless: AzureWebJobsStorage__blobServiceUri',
  AzureWebJobsStorage__accountName: 'the service URIs are set instead (right in every cloud)',
  LOCAL_REQUIRE_KEYS: 'local only: on Azure the app always checks its keys',
};

describe('infra/*.bicep', () => {
  it('defines the keyless Service Bus connection the bindings use (connection: ServiceBusConnection)', () => {
    expect(appSettings.get('ServiceBusConnection__fullyQualifiedNamespace')).toBeDefined();
    expect(appSettings.get('ServiceBusConnection__credential')).toBe("'managedidentity'");
    expect(appSettings.get('ServiceBusConnection__clientId')).toBe('identity.properties.clientId');
  });

  it('gives host storage and the app keyless settings for the user-assigned identity', () => {
    for (const uri of ['blobServiceUri', 'queueServiceUri', 'tableServiceUri']) {
      expect(appSettings.get(`AzureWebJobsStorage__${uri}`), uri).toMatch(/^storage\.properties\.primaryEndpoints\./);
    }
    expect(appSettings.get('AzureWebJobsStorage__credential')).toBe("'managedidentity'");
    expect(appSettings.get('AzureWebJobsStorage__clientId')).toBe('identity.properties.clientId');
    expect(appSettings.get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
  });

  it('deploys no key or connection string, and switches shared keys off', () => {
    expect(bicep).not.toMatch(/listKeys\(/);
    for (const keyed of ['COSMOS_KEY', 'ServiceBusConnection', 'AzureWebJobsStorage']) expect(appSettings.has(keyed), keyed).toBe(false);
    expect(bicep).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(bicep).toMatch(/'Microsoft\.ServiceBus\/namespaces@[^']+'[\s\S]*?disableLocalAuth:\s*true/);
    expect(bicep).toMatch(/'Microsoft\.DocumentDB\/databaseAccounts@[^']+'[\s\S]*?disableLocalAuth:\s*true/);
    expect(bicep).not.toMatch(/authorizationRules@/);
  });

  it('keeps the role assignments keyless access needs', () => {
    expect(bicep).toContain("storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'");
    expect(bicep).toContain("serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'");
    expect(bicep).toMatch(/sqlRoleAssignments@[\s\S]*?sqlRoleDefinitions\/00000000-0000-0000-0000-000000000002/);
    expect(bicep).toMatch(/principalId: identity\.properties\.principalId/);
  });

  it('deploys settings that load as a keyless configuration on Azure', () => {
    // Expressions stand for what Azure fills in; literals are taken as written.
    const sample: Record<string, string> = {
      AzureWebJobsStorage__blobServiceUri: 'https://stdtabc.blob.core.windows.net/',
      AzureWebJobsStorage__queueServiceUri: 'https://stdtabc.queue.core.windows.net/',
      AzureWebJobsStorage__tableServiceUri: 'https://stdtabc.table.core.windows.net/',
      'identity.properties.clientId': '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
      COSMOS_ENDPOINT: 'https://cosmos-dt-abc.documents.azure.com:443/',
      ServiceBusConnection__fullyQualifiedNamespace: 'sb-dt-abc.servicebus.windows.net',
      MAIL_TRANSPORT: 'acs',
      ACS_ENDPOINT: 'https://acs-dt.communication.azure.com',
      MAIL_FROM: 'donotreply@example.com',
    };
    const env: Record<string, string> = { WEBSITE_SITE_NAME: 'func-dt-abc' };
    for (const [name, value] of appSettings) {
      const literal = /^'([^'$]*)'$/.exec(value);
      env[name] = literal ? literal[1]! : (sample[value] ?? sample[name] ?? '');
    }
    const config = loadConfig(env);
    const identity = { kind: 'managedIdentity', clientId: sample['identity.properties.clientId'] };
    expect(config.connections).toEqual({
      cosmos: { auth: 'identity', endpoint: sample.COSMOS_ENDPOINT, identity },
      serviceBus: { auth: 'identity', fullyQualifiedNamespace: sample.ServiceBusConnection__fullyQualifiedNamespace, identity },
      storage: { auth: 'identity', blobServiceUri: sample.AzureWebJobsStorage__blobServiceUri, identity },
      acs: { auth: 'identity', endpoint: sample.ACS_ENDPOINT, identity },
    });
  });

  it.each(Object.values(QUEUES))('creates queue %s with maxDeliveryCount and duplicate detection', (queue) => {
    expect(bicep).toContain(`'${queue}'`);
    expect(bicep).toMatch(/maxDeliveryCount: maxDeliveryCount/);
    expect(bicep).toMatch(/param maxDeliveryCount int = 10/);
    expect(bicep).toMatch(/requiresDuplicateDetection:\s*true/);
  });

  it.each(Object.values(CONTAINERS))('creates Cosmos container $name partitioned by /$partitionKey', ({ name, partitionKey }) => {
    expect(bicep).toContain(`'${name}'`);
    expect(bicep).toContain(`'/${partitionKey}'`);
  });

  it.each(SETTING_NAMES.filter((s) => !(s in NOT_DEPLOYED)))(
    'sets app setting %s',
    (setting) => {
      expect(bicep).toMatch(new RegExp(`name:\\s*'${setting}'`));
    },
  );

  it('passes every parameter without a default in main.parameters.json', () => {
    const params = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, unknown> };
    const required = [...read('infra/main.bicep').matchAll(/^param (\w+) \w+$/gm)].map((m) => m[1]!);
    for (const p of required) expect(Object.keys(params.parameters), p).toContain(p);
  });

  it('runs Node 22 on Flex Consumption', () => {
    expect(bicep).toMatch(/FlexConsumption/);
    expect(bicep).toMatch(/name:\s*'node'[\s\S]{0,80}version:\s*'22'/);
  });
});

describe('local.settings.sample.json', () => {
  const sample = JSON.parse(read('local.settings.sample.json')) as { IsEncrypted: boolean; Values: Record<string, string> };

  // The local profile is key-based against the stand-ins; the keyless alternatives are in the README.
  it('lists every setting the app reads, but for the keyless alternatives', () => {
    expect(sample.IsEncrypted).toBe(false);
    expect(sample.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    const keyless: readonly string[] = KEYLESS_SETTING_NAMES;
    for (const s of SETTING_NAMES.filter((n) => !keyless.includes(n))) expect(Object.keys(sample.Values), s).toContain(s);
    for (const s of keyless) expect(Object.keys(sample.Values), s).not.toContain(s);
  });
});

describe('host.json', () => {
  it('is version 2.0 with the v4 extension bundle', () => {
    const host = JSON.parse(read('host.json')) as { version: string; extensionBundle: { id: string; version: string } };
    expect(host.version).toBe('2.0');
    expect(host.extensionBundle).toEqual({ id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' });
  });
});

describe('README.md', () => {
  it('documents every setting in the settings table', () => {
    const readme = read('README.md');
    for (const s of SETTING_NAMES) expect(readme, s).toContain(`\`${s}\``);
  });
});
