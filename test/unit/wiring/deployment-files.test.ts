// Infra cannot be compiled here (no Bicep compiler offline), so these checks keep the text honest: every
// name a binding or the config reads must appear where Azure and `func start` will look for it.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../../shared/config/index.js';
import { CONTAINERS, QUEUES } from '../../../shared/ports/index.js';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const bicep = readdirSync(path.join(root, 'infra'), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.bicep'))
  .map((f) => read(path.join('infra', f)))
  .join('\n');

describe('infra/*.bicep', () => {
  it('defines the Service Bus connection setting the bindings use', () => {
    expect(bicep).toContain('ServiceBusConnection');
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

  // Local-only settings: SMTP credentials are not used with ACS; self-signed TLS is for the local stand-in.
  it.each(SETTING_NAMES.filter((s) => !['SMTP_USER', 'SMTP_PASSWORD', 'COSMOS_ALLOW_SELF_SIGNED'].includes(s)))(
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

  it('lists every setting the app reads', () => {
    expect(sample.IsEncrypted).toBe(false);
    expect(sample.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    for (const s of SETTING_NAMES) expect(Object.keys(sample.Values), s).toContain(s);
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
