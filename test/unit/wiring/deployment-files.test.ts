// Infra held to the code, from the compiled template: infra/main.json is the ARM JSON that `bicep build`
// wrote (npm run infra:build; built here when missing or older than infra/**/*.bicep — the first time the
// Bicep CLI is restored from NuGet, so the hook has a generous timeout, and a machine that cannot install
// it fails here with the reason). The checks evaluate the template's ARM expressions with sample values for
// what Azure fills in (endpoints, client ids), and a deliberately broken copy must fail them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { type FakeCoreRegistry, installFakeCore } from '../../../devtools/host/fake-core.js';
import { DEFAULT_QUEUE_SETTINGS } from '../../../devtools/servicebus/queue.js';
import { DEFAULTS, KEYLESS_SETTING_NAMES, loadConfig, SETTING_NAMES } from '../../../shared/config/config.js';
import { parseNcrontab } from '../../../shared/config/ncrontab.js';
import { CONTAINERS } from '../../../shared/ports/documentStore.js';
import { QUEUES } from '../../../shared/ports/messageBus.js';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const TEMPLATE = path.join(root, 'infra', 'main.json');

// ------------------------------------------------------------------ a small ARM expression evaluator
interface ArmResource {
  type: string;
  name: string;
  apiVersion?: string;
  copy?: { name: string; count: string | number };
  properties?: Record<string, unknown>;
  [k: string]: unknown;
}
interface ArmTemplate {
  parameters: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  variables?: Record<string, unknown>;
  resources: ArmResource[];
}

const SAMPLE = {
  clientId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  principalId: '0b1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  tenantId: '11111111-2222-3333-4444-555555555555',
};

/** What reference(<resource id>) gives on Azure, by resource type (unknown types fail the check loudly). */
function referenceOf(type: string, name: string): Record<string, unknown> {
  switch (type) {
    case 'Microsoft.Storage/storageAccounts':
      return {
        primaryEndpoints: Object.fromEntries(['blob', 'queue', 'table', 'file'].map((s) => [s, `https://${name}.${s}.core.windows.net/`])),
      };
    case 'Microsoft.ManagedIdentity/userAssignedIdentities':
      return { clientId: SAMPLE.clientId, principalId: SAMPLE.principalId, tenantId: SAMPLE.tenantId };
    case 'Microsoft.Insights/components':
      return {
        ConnectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/`,
      };
    case 'Microsoft.DocumentDB/databaseAccounts':
      return { documentEndpoint: `https://${name}.documents.azure.com:443/` };
    case 'Microsoft.ServiceBus/namespaces':
      return { serviceBusEndpoint: `https://${name}.servicebus.windows.net:443/` };
    case 'Microsoft.KeyVault/vaults':
      return { vaultUri: `https://${name}.vault.azure.net/` };
    case 'Microsoft.Web/sites':
      return { defaultHostName: `${name}.azurewebsites.net` };
    default:
      throw new Error(`no sample reference for ${type}`);
  }
}

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'call'; fn: string; args: Node[] }
  | { k: 'prop'; of: Node; name: string }
  | { k: 'index'; of: Node; at: Node };

function parse(src: string): Node {
  let i = 0;
  const ws = () => {
    while (/\s/.test(src[i] ?? '')) i++;
  };
  const primary = (): Node => {
    ws();
    if (src[i] === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in ${src}`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      return { k: 'lit', v: s };
    }
    const num = /^-?\d+/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return { k: 'lit', v: Number(num[0]) };
    }
    const id = /^[A-Za-z_][\w.]*/.exec(src.slice(i));
    if (!id) throw new Error(`cannot parse ${src} at ${i}`);
    i += id[0].length;
    ws();
    // A bare literal; `null()`, `true()` and `false()` are ARM functions and parse as calls below.
    if ((id[0] === 'true' || id[0] === 'false' || id[0] === 'null') && src[i] !== '(')
      return { k: 'lit', v: id[0] === 'null' ? null : id[0] === 'true' };
    if (src[i] !== '(') throw new Error(`expected ( after ${id[0]} in ${src}`);
    i++;
    const args: Node[] = [];
    ws();
    if (src[i] === ')') i++;
    else
      for (;;) {
        args.push(expr());
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === ')') {
          i++;
          break;
        }
        throw new Error(`expected , or ) in ${src} at ${i}`);
      }
    return { k: 'call', fn: id[0].toLowerCase(), args };
  };
  const expr = (): Node => {
    let n = primary();
    for (;;) {
      ws();
      if (src[i] === '.') {
        i++;
        const name = /^\w+/.exec(src.slice(i))![0];
        i += name.length;
        n = { k: 'prop', of: n, name };
      } else if (src[i] === '[') {
        i++;
        const at = expr();
        ws();
        i++; // ]
        n = { k: 'index', of: n, at };
      } else return n;
    }
  };
  const n = expr();
  ws();
  if (i !== src.length) throw new Error(`trailing input in ${src} at ${i}`);
  return n;
}

interface EvalContext {
  template: ArmTemplate;
  params: Record<string, unknown>;
  copyIndex?: number;
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && Object.keys(v as object).length === 0);

function run(n: Node, ctx: EvalContext): unknown {
  if (n.k === 'lit') return n.v;
  if (n.k === 'prop') return (run(n.of, ctx) as Record<string, unknown>)[n.name];
  if (n.k === 'index') return (run(n.of, ctx) as Record<string, unknown>)[run(n.at, ctx) as string];
  const a = (j: number) => run(n.args[j]!, ctx);
  switch (n.fn) {
    case 'parameters': {
      const name = a(0) as string;
      if (name in ctx.params) return ctx.params[name];
      const def = ctx.template.parameters[name];
      if (!def) throw new Error(`unknown parameter ${name}`);
      return evaluate(def.defaultValue, ctx);
    }
    case 'variables':
      return evaluate(ctx.template.variables?.[a(0) as string], ctx);
    case 'if':
      return a(0) ? a(1) : a(2);
    case 'empty':
      return isEmpty(a(0));
    case 'not':
      return !a(0);
    case 'equals':
      return a(0) === a(1);
    case 'format': {
      const args = n.args.slice(1).map((x) => run(x, ctx));
      return (a(0) as string).replace(/\{(\d+)\}/g, (_, d: string) => String(args[Number(d)]));
    }
    case 'string':
      return typeof a(0) === 'string' ? a(0) : typeof a(0) === 'object' ? JSON.stringify(a(0)) : String(a(0));
    case 'concat': {
      const xs = n.args.map((x) => run(x, ctx));
      return Array.isArray(xs[0]) ? xs.flat() : xs.join('');
    }
    case 'createobject': {
      const xs = n.args.map((x) => run(x, ctx));
      return Object.fromEntries(Array.from({ length: xs.length / 2 }, (_, j) => [xs[2 * j] as string, xs[2 * j + 1]]));
    }
    case 'null':
      return null;
    case 'true':
      return true;
    case 'false':
      return false;
    case 'shallowmerge':
      return Object.assign({}, ...(a(0) as object[]));
    case 'environment':
      return { name: 'AzureCloud', authentication: { loginEndpoint: 'https://login.microsoftonline.com/' } };
    case 'endswith':
      return (a(0) as string).endsWith(a(1) as string);
    case 'substring':
      return (a(0) as string).substring(a(1) as number, (a(1) as number) + (a(2) as number));
    case 'sub':
      return (a(0) as number) - (a(1) as number);
    case 'listkeys':
      return { primaryMasterKey: 'c2FtcGxlLWtleQ==', keys: [{ value: 'c2FtcGxlLWtleQ==' }] };
    case 'createarray':
      return n.args.map((x) => run(x, ctx));
    case 'union':
      return Object.assign({}, ...n.args.map((x) => run(x, ctx)));
    case 'tolower':
      return (a(0) as string).toLowerCase();
    case 'take':
      return (a(0) as string | unknown[]).slice(0, a(1) as number);
    case 'length':
      return (a(0) as string | unknown[]).length;
    case 'split':
      return (a(0) as string).split(a(1) as string);
    case 'uniquestring':
      return 'abcdefghijklm';
    case 'guid':
      return '00000000-0000-0000-0000-000000000001';
    case 'copyindex':
      if (ctx.copyIndex === undefined) throw new Error('copyIndex() outside a copy loop');
      return ctx.copyIndex;
    case 'subscription':
      return { id: '/subscriptions/sub', subscriptionId: 'sub', tenantId: SAMPLE.tenantId };
    case 'resourcegroup':
      return { id: '/subscriptions/sub/resourceGroups/rg', name: 'rg', location: 'westeurope' };
    case 'resourceid': {
      const xs = n.args.map((x) => run(x, ctx) as string);
      return `/subscriptions/sub/resourceGroups/rg/providers/${xs[0]}/${xs.slice(1).join('/')}`;
    }
    case 'subscriptionresourceid': {
      const xs = n.args.map((x) => run(x, ctx) as string);
      return `/subscriptions/sub/providers/${xs[0]}/${xs.slice(1).join('/')}`;
    }
    case 'reference': {
      const id = a(0) as string;
      const m = /\/providers\/([^/]+\/[^/]+)\/(.+)$/.exec(id);
      if (!m) throw new Error(`reference of ${id}`);
      return referenceOf(m[1]!, m[2]!);
    }
    default:
      throw new Error(`ARM function ${n.fn}() is not known to this test's evaluator`);
  }
}

/** Evaluates every "[expression]" string in a JSON value ("[[" escapes a literal "["). */
function evaluate(v: unknown, ctx: EvalContext): unknown {
  if (typeof v === 'string') {
    if (v.startsWith('[[')) return v.slice(1);
    if (v.startsWith('[') && v.endsWith(']')) return run(parse(v.slice(1, -1)), ctx);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => evaluate(x, ctx));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, evaluate(x, ctx)]));
  return v;
}

/** Every resource of a type, evaluated (copy loops expanded); `name` is the last segment of the resource name. */
function resourcesOf(t: ArmTemplate, type: string, params: Record<string, unknown>): Array<Record<string, unknown> & { name: string }> {
  const out: Array<Record<string, unknown> & { name: string }> = [];
  for (const r of t.resources.filter((x) => x.type === type)) {
    const base: EvalContext = { template: t, params };
    const count = r.copy ? (evaluate(r.copy.count, base) as number) : 1;
    for (let i = 0; i < count; i++) {
      const ctx = { ...base, ...(r.copy ? { copyIndex: i } : {}) };
      const { copy: _copy, ...rest } = r;
      const e = evaluate(rest, ctx) as Record<string, unknown>;
      out.push({ ...e, name: String(e.name).split('/').pop()! });
    }
  }
  return out;
}

// ------------------------------------------------------------------ the checks
// Settings the app reads that are not deployed, and why.
const NOT_DEPLOYED: Record<string, string> = {
  COSMOS_ALLOW_SELF_SIGNED: 'self-signed TLS is for the local stand-in',
  COSMOS_KEY: 'keyless: the managed identity has a Cosmos DB data-plane role',
  ServiceBusConnection: 'keyless: ServiceBusConnection__fullyQualifiedNamespace',
  AzureWebJobsStorage: 'keyless: AzureWebJobsStorage__blobServiceUri',
  AzureWebJobsStorage__accountName: 'the service URI is set instead (right in every cloud)',
  LOCAL_REQUIRE_KEYS: 'local only: on Azure the app always checks its keys',
};

/** Settings holding a secret: a Key Vault reference to the secret made from the secure parameter. */
const SECRET_SETTINGS: Record<string, string> = {
  WEBHOOK_SECRETS: 'webhookSecrets',
  SMTP_PASSWORD: 'smtpPassword',
  INSIGHTS_REPORTS: 'insightsReports',
  ACS_CONNECTION_STRING: 'acsConnectionString',
};
const SAMPLE_SECRETS: Record<string, string> = {
  webhookSecrets: 'whsec_c2FtcGxlLXNlY3JldC1mb3ItdGVzdHM=',
  smtpPassword: 'sample-smtp-password',
  insightsReports: '[{"name":"r","url":"https://example.com/r","headers":{"authorization":"Bearer sample-token"}}]',
  acsConnectionString: 'endpoint=https://acs.communication.azure.com/;accesskey=c2FtcGxl',
};

const ms = (iso: string) => {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso);
  if (!m) throw new Error(`not an ISO 8601 time span: ${iso}`);
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
};

function site(t: ArmTemplate, params: Record<string, unknown>) {
  const sites = resourcesOf(t, 'Microsoft.Web/sites', params);
  if (sites.length !== 1) throw new Error(`expected one Microsoft.Web/sites, found ${sites.length}`);
  return sites[0]! as {
    name: string;
    properties: {
      keyVaultReferenceIdentity?: string;
      siteConfig: { appSettings: Array<{ name: string; value: unknown }> };
      functionAppConfig: { runtime: { name: string; version: string } };
    };
  };
}

function appSettingsOf(t: ArmTemplate, params: Record<string, unknown>): Map<string, string> {
  return new Map(site(t, params).properties.siteConfig.appSettings.map((s) => [s.name, String(s.value ?? '')]));
}

interface Bindings {
  connections: string[];
  scheduleSettings: string[];
}

/** Every problem of the template against the code; [] when consistent. */
function problems(t: ArmTemplate, bindings: Bindings): string[] {
  const out: string[] = [];
  const settings = appSettingsOf(t, {});
  const set = (n: string) => (settings.get(n) ?? '') !== '';

  for (const s of SETTING_NAMES)
    if (!(s in NOT_DEPLOYED) && !settings.has(s)) out.push(`app setting ${s} (read by the config) is not deployed`);
  for (const c of bindings.connections) {
    if (!set(c) && !set(`${c}__fullyQualifiedNamespace`))
      out.push(`binding connection ${c}: neither ${c} nor ${c}__fullyQualifiedNamespace is set`);
  }
  if (!set('AzureWebJobsStorage') && !set('AzureWebJobsStorage__blobServiceUri'))
    out.push('host storage: no AzureWebJobsStorage(__blobServiceUri)');
  for (const s of bindings.scheduleSettings) {
    if (!set(s)) out.push(`timer schedule %${s}% is not set`);
    else
      try {
        parseNcrontab(settings.get(s)!);
      } catch (err) {
        out.push(`timer schedule ${s}: ${String(err)}`);
      }
  }

  // No key or connection string: in the expressions, and in the values with every secret parameter set.
  const raw = t.resources.find((r) => r.type === 'Microsoft.Web/sites')!.properties as {
    siteConfig: { appSettings: Array<{ name: string; value: unknown }> };
  };
  const secure = Object.entries(t.parameters)
    .filter(([, p]) => p.type.toLowerCase() === 'securestring')
    .map(([n]) => n);
  for (const { name, value } of raw.siteConfig.appSettings) {
    const expr = String(value);
    if (/\blist\w*\(/i.test(expr)) out.push(`app setting ${name} reads keys (${expr})`);
    // A resource's connection string read off it (reference(...).ConnectionString and the like).
    if (/\)\.\w*connectionString/i.test(expr.replace(/variables\('\w+'\)\.\w+/g, '')) && name !== 'APPLICATIONINSIGHTS_CONNECTION_STRING') {
      out.push(`app setting ${name} holds a connection string`);
    }
    const withoutEmptyChecks = expr.replace(/empty\(parameters\('\w+'\)\)/g, '');
    for (const p of secure)
      if (withoutEmptyChecks.includes(`parameters('${p}')`))
        out.push(`app setting ${name} holds secure parameter ${p} (not a Key Vault reference)`);
  }
  for (const n of ['COSMOS_KEY', 'ServiceBusConnection', 'AzureWebJobsStorage'])
    if (settings.has(n)) out.push(`app setting ${n} is a key or connection string`);
  const withSecrets = appSettingsOf(t, SAMPLE_SECRETS);
  const vaults = resourcesOf(t, 'Microsoft.KeyVault/vaults', SAMPLE_SECRETS);
  const secrets = resourcesOf(t, 'Microsoft.KeyVault/vaults/secrets', SAMPLE_SECRETS) as Array<{
    name: string;
    properties: { value: string };
  }>;
  for (const [name, value] of withSecrets) {
    if (name !== 'APPLICATIONINSIGHTS_CONNECTION_STRING' && /AccountKey=|SharedAccessKey=|accesskey=|password=/i.test(value))
      out.push(`app setting ${name} holds a key`);
    for (const [p, secret] of Object.entries(SAMPLE_SECRETS))
      if (value.includes(secret)) out.push(`app setting ${name} holds the value of ${p}`);
  }
  for (const [setting, param] of Object.entries(SECRET_SETTINGS)) {
    const ref = /^@Microsoft\.KeyVault\(VaultName=([^;]+);SecretName=([^)]+)\)$/.exec(withSecrets.get(setting) ?? '');
    if (!ref) {
      out.push(`app setting ${setting} is not a Key Vault reference when ${param} is given (${withSecrets.get(setting)})`);
      continue;
    }
    if (!vaults.some((v) => v.name === ref[1]))
      out.push(`app setting ${setting} refers to vault ${ref[1]}, which the template does not create`);
    const secret = secrets.find((s) => s.name === ref[2]);
    if (secret?.properties.value !== SAMPLE_SECRETS[param])
      out.push(`app setting ${setting} refers to secret ${ref[2]}, not made from ${param}`);
    if (settings.get(setting) !== '') out.push(`app setting ${setting} is not empty when ${param} is not given`);
  }
  const identities = resourcesOf(t, 'Microsoft.ManagedIdentity/userAssignedIdentities', {});
  const kvIdentity = site(t, {}).properties.keyVaultReferenceIdentity ?? '';
  if (!identities.some((i) => kvIdentity.endsWith(`/userAssignedIdentities/${i.name}`)))
    out.push('keyVaultReferenceIdentity is not the user-assigned identity');

  // Shared keys off.
  const off = (type: string, prop: string, want: boolean) => {
    for (const r of resourcesOf(t, type, {}) as Array<{ properties?: Record<string, unknown> }>) {
      if (r.properties?.[prop] !== want) out.push(`${type}: ${prop} is not ${want}`);
    }
  };
  off('Microsoft.Storage/storageAccounts', 'allowSharedKeyAccess', false);
  off('Microsoft.ServiceBus/namespaces', 'disableLocalAuth', true);
  off('Microsoft.DocumentDB/databaseAccounts', 'disableLocalAuth', true);

  // Queues: the code's names, with the stand-in's settings.
  const queues = resourcesOf(t, 'Microsoft.ServiceBus/namespaces/queues', {}) as Array<{
    name: string;
    properties: Record<string, unknown>;
  }>;
  for (const q of Object.values(QUEUES)) {
    const found = queues.find((x) => x.name === q);
    if (!found) {
      out.push(`queue ${q} is not created`);
      continue;
    }
    const p = found.properties;
    if (p.maxDeliveryCount !== DEFAULT_QUEUE_SETTINGS.maxDeliveryCount || p.maxDeliveryCount !== DEFAULTS.MAX_DELIVERY_COUNT) {
      out.push(
        `queue ${q}: maxDeliveryCount ${String(p.maxDeliveryCount)}, the stand-in and MAX_DELIVERY_COUNT say ${DEFAULT_QUEUE_SETTINGS.maxDeliveryCount}`,
      );
    }
    if (ms(String(p.lockDuration)) !== DEFAULT_QUEUE_SETTINGS.lockDurationMs)
      out.push(`queue ${q}: lockDuration ${String(p.lockDuration)} is not the stand-in's ${DEFAULT_QUEUE_SETTINGS.lockDurationMs} ms`);
    if (p.requiresDuplicateDetection !== true) out.push(`queue ${q}: duplicate detection is off`);
    else if (ms(String(p.duplicateDetectionHistoryTimeWindow)) !== DEFAULT_QUEUE_SETTINGS.duplicateDetectionWindowMs) {
      out.push(
        `queue ${q}: duplicate detection window ${String(p.duplicateDetectionHistoryTimeWindow)} is not the stand-in's ${DEFAULT_QUEUE_SETTINGS.duplicateDetectionWindowMs} ms`,
      );
    }
  }
  if (settings.get('MAX_DELIVERY_COUNT') !== String(DEFAULT_QUEUE_SETTINGS.maxDeliveryCount))
    out.push(`app setting MAX_DELIVERY_COUNT is ${settings.get('MAX_DELIVERY_COUNT')}`);

  // Cosmos containers with the code's partition keys; the exports blob container.
  const containers = resourcesOf(t, 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers', {}) as Array<{
    name: string;
    properties: { resource: { partitionKey: { paths: string[] } } };
  }>;
  for (const c of Object.values(CONTAINERS)) {
    const found = containers.find((x) => x.name === c.name);
    if (!found) out.push(`Cosmos container ${c.name} is not created`);
    else if (JSON.stringify(found.properties.resource.partitionKey.paths) !== JSON.stringify([`/${c.partitionKey}`])) {
      out.push(
        `Cosmos container ${c.name}: partition key ${JSON.stringify(found.properties.resource.partitionKey.paths)}, the code uses /${c.partitionKey}`,
      );
    }
  }
  const blobs = resourcesOf(t, 'Microsoft.Storage/storageAccounts/blobServices/containers', {});
  if (!blobs.some((b) => b.name === settings.get('EXPORTS_CONTAINER')))
    out.push(`blob container ${settings.get('EXPORTS_CONTAINER')} (EXPORTS_CONTAINER) is not created`);

  // Flex Consumption, Node 22.
  const runtime = site(t, {}).properties.functionAppConfig.runtime;
  if (runtime.name !== 'node' || runtime.version !== '22') out.push(`runtime ${runtime.name} ${runtime.version}, not node 22`);
  if (!resourcesOf(t, 'Microsoft.Web/serverfarms', {}).some((p) => (p.sku as { tier?: string })?.tier === 'FlexConsumption'))
    out.push('no Flex Consumption plan');
  return out;
}

// ------------------------------------------------------------------ set-up: build, load, bindings
let template: ArmTemplate;
let bindings: Bindings;
let registry: FakeCoreRegistry;

function newestBicep(): number {
  return Math.max(
    ...readdirSync(path.join(root, 'infra'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.bicep'))
      .map((f) => statSync(path.join(root, 'infra', f)).mtimeMs),
  );
}

beforeAll(async () => {
  if (!existsSync(TEMPLATE) || statSync(TEMPLATE).mtimeMs < newestBicep()) {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'devtools', 'infra', 'build.ts'), '--no-lint'],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 540_000,
      },
    );
    if (r.status !== 0 || !existsSync(TEMPLATE)) {
      throw new Error(
        `npm run infra:build failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}); the checks need infra/main.json:\n${r.stdout}${r.stderr}`,
      );
    }
  }
  template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as ArmTemplate;
  registry = installFakeCore();
  await import('../../../functions/index.js');
  const fns = [...registry.functions.values()];
  bindings = {
    connections: [...new Set(fns.map((f) => f.trigger.connection).filter((c): c is string => typeof c === 'string'))],
    scheduleSettings: fns
      .map((f) => f.trigger.schedule)
      .filter((s): s is string => typeof s === 'string')
      .map((s) => /^%(\w+)%$/.exec(s)?.[1])
      .filter((s): s is string => s !== undefined),
  };
}, 600_000);

describe('infra/main.json (compiled from infra/main.bicep)', () => {
  it('is consistent with the code: settings, bindings, secrets, queues, containers, runtime', () => {
    expect(bindings.connections).toContain('ServiceBusConnection');
    expect(bindings.scheduleSettings.length).toBeGreaterThanOrEqual(4);
    expect(problems(template, bindings)).toEqual([]);
  });

  it('deploys keyless settings that load as a configuration on Azure (ACS keyless)', () => {
    const settings = appSettingsOf(template, {
      mailTransport: 'acs',
      acsEndpoint: 'https://acs-dt.communication.azure.com',
      mailFrom: 'donotreply@example.com',
    });
    const config = loadConfig({ ...Object.fromEntries(settings), WEBSITE_SITE_NAME: 'func-dt-abc' });
    const identity = { kind: 'managedIdentity', clientId: SAMPLE.clientId };
    expect(config.connections).toEqual({
      cosmos: { auth: 'identity', endpoint: settings.get('COSMOS_ENDPOINT'), identity },
      serviceBus: { auth: 'identity', fullyQualifiedNamespace: settings.get('ServiceBusConnection__fullyQualifiedNamespace'), identity },
      storage: { auth: 'identity', blobServiceUri: settings.get('AzureWebJobsStorage__blobServiceUri'), identity },
      acs: { auth: 'identity', endpoint: 'https://acs-dt.communication.azure.com', identity },
    });
    expect(settings.get('ServiceBusConnection__fullyQualifiedNamespace')).toMatch(/^sb-dt-\w+\.servicebus\.windows\.net$/);
  });

  it('starts with the defaults alone (no mail parameters): MAIL_TRANSPORT=off', () => {
    const settings = appSettingsOf(template, {});
    expect(settings.get('MAIL_TRANSPORT')).toBe('off');
    const config = loadConfig({ ...Object.fromEntries(settings), WEBSITE_SITE_NAME: 'func-dt-abc' });
    expect(config.MAIL_TRANSPORT).toBe('off');
    expect(config.WEBHOOK_SECRETS).toEqual([]);
  });

  it('grants the identity only the roles the app and host use', () => {
    const text = JSON.stringify(template);
    const has = (id: string) => text.includes(id);
    expect(has('b7e6dc6d-f1e8-4753-8033-0f276bb0955b'), 'Storage Blob Data Owner').toBe(true);
    expect(has('69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'), 'Service Bus Data Sender').toBe(true);
    expect(has('4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'), 'Service Bus Data Receiver').toBe(true);
    expect(has('4633458b-17de-408a-b874-0445c86b69e6'), 'Key Vault Secrets User').toBe(true);
    expect(has('00000000-0000-0000-0000-000000000002'), 'Cosmos DB Built-in Data Contributor').toBe(true);
    expect(has('974c5e8b-45b9-4653-ba55-5f855dd0fb88'), 'no Storage Queue Data Contributor').toBe(false);
    expect(has('0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'), 'no Storage Table Data Contributor').toBe(false);
    expect([...appSettingsOf(template, {}).keys()].filter((k) => /queueServiceUri|tableServiceUri/.test(k))).toEqual([]);
  });

  describe('a deliberately inconsistent copy fails the checks', () => {
    const mutate = (f: (t: ArmTemplate, s: Array<{ name: string; value: unknown }>) => unknown): string[] => {
      const t = structuredClone(template);
      const s = (
        t.resources.find((r) => r.type === 'Microsoft.Web/sites')!.properties as {
          siteConfig: { appSettings: Array<{ name: string; value: unknown }> };
        }
      ).siteConfig.appSettings;
      f(t, s);
      return problems(t, bindings);
    };
    const drop = (s: Array<{ name: string }>, name: string): unknown =>
      s.splice(
        s.findIndex((x) => x.name === name),
        1,
      );
    const resource = (t: ArmTemplate, type: string) => t.resources.find((r) => r.type === type)!;

    type Setting = { name: string; value: unknown };
    type Mutation = (t: ArmTemplate, s: Setting[]) => unknown;
    const cases: Array<[string, Mutation, RegExp]> = [
      [
        'a timer schedule setting dropped',
        (_t: ArmTemplate, s: Array<{ name: string; value: unknown }>) => drop(s, 'IMPORT_SCHEDULE'),
        /IMPORT_SCHEDULE/,
      ],
      [
        'the binding connection dropped',
        (_t: ArmTemplate, s: Array<{ name: string; value: unknown }>) => drop(s, 'ServiceBusConnection__fullyQualifiedNamespace'),
        /binding connection ServiceBusConnection/,
      ],
      [
        'a config setting dropped',
        (_t: ArmTemplate, s: Array<{ name: string; value: unknown }>) => drop(s, 'COSMOS_DATABASE'),
        /COSMOS_DATABASE/,
      ],
      [
        'a Cosmos key added',
        (_t: ArmTemplate, s: Array<{ name: string; value: unknown }>) =>
          s.push({
            name: 'COSMOS_KEY',
            value: "[listKeys(resourceId('Microsoft.DocumentDB/databaseAccounts', 'x'), '2024-05-15').primaryMasterKey]",
          }),
        /COSMOS_KEY/,
      ],
      [
        'a secret set directly, not through Key Vault',
        (_t: ArmTemplate, s: Array<{ name: string; value: unknown }>) =>
          (s.find((x) => x.name === 'WEBHOOK_SECRETS')!.value = "[parameters('webhookSecrets')]"),
        /WEBHOOK_SECRETS/,
      ],
      [
        'a partition key changed',
        (t: ArmTemplate) => ((t.variables!.cosmosContainers as Array<{ partitionKey: string }>)[0]!.partitionKey = '/id'),
        /partners: partition key/,
      ],
      ['max delivery count changed', (t: ArmTemplate) => (t.parameters.maxDeliveryCount!.defaultValue = 5), /maxDeliveryCount 5/],
      [
        'lock duration changed',
        (t: ArmTemplate) =>
          ((resource(t, 'Microsoft.ServiceBus/namespaces/queues').properties as Record<string, unknown>).lockDuration = 'PT30S'),
        /lockDuration PT30S/,
      ],
      [
        'duplicate detection window changed',
        (t: ArmTemplate) =>
          ((
            resource(t, 'Microsoft.ServiceBus/namespaces/queues').properties as Record<string, unknown>
          ).duplicateDetectionHistoryTimeWindow = 'PT1H'),
        /duplicate detection window PT1H/,
      ],
      [
        'a queue missing',
        (t: ArmTemplate) => (t.variables!.queueNames = ['partner-changes', 'partner-recompute']),
        /queue notifications is not created/,
      ],
      [
        'shared keys on',
        (t: ArmTemplate) =>
          ((resource(t, 'Microsoft.Storage/storageAccounts').properties as Record<string, unknown>).allowSharedKeyAccess = true),
        /allowSharedKeyAccess/,
      ],
    ];
    it.each(cases)('%s', (_what, f, expected) => {
      const found = mutate(f);
      expect(
        found.some((p) => expected.test(p)),
        found.join('\n'),
      ).toBe(true);
    });
  });
});

describe('infra/main.parameters.json and azure.yaml (azd)', () => {
  const params = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, { value: unknown }> };

  it('passes every template parameter without a default, and only parameters the template has', () => {
    for (const [name, p] of Object.entries(template.parameters))
      if (p.defaultValue === undefined) expect(Object.keys(params.parameters), name).toContain(name);
    for (const name of Object.keys(params.parameters)) expect(Object.keys(template.parameters), name).toContain(name);
  });

  it('maps AZURE_ENV_NAME, AZURE_LOCATION and AZURE_PRINCIPAL_ID', () => {
    expect(params.parameters.environmentName?.value).toBe('${AZURE_ENV_NAME}');
    expect(params.parameters.location?.value).toBe('${AZURE_LOCATION}');
    expect(params.parameters.principalId?.value).toBe('${AZURE_PRINCIPAL_ID}');
  });

  it('azure.yaml deploys this folder as the function service api (TypeScript)', () => {
    const yaml = read('azure.yaml');
    expect(yaml).toMatch(/^services:\n {2}api:\n(?: {4}.*\n)*? {4}project: \.\n/m);
    expect(yaml).toMatch(/^ {4}language: ts$/m);
    expect(yaml).toMatch(/^ {4}host: function$/m);
    const tags = JSON.stringify(resourcesOf(template, 'Microsoft.Web/sites', {})[0]!.tags);
    expect(tags).toContain('"azd-service-name":"api"');
  });

  it('.funcignore leaves out tests, tools, samples and sources but keeps dist/ (dist/web included)', () => {
    const lines = read('.funcignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    for (const p of ['test/', 'devtools/', 'samples/', '.local/', 'web/', 'local.settings.json']) expect(lines, p).toContain(p);
    for (const p of [
      'dist',
      'dist/',
      'dist/web',
      'dist/web/',
      'dist/functions/',
      'dist/shared/',
      'host.json',
      'package.json',
      'node_modules',
      'node_modules/',
    ]) {
      expect(lines, p).not.toContain(p);
    }
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
