// The Partner Center connector with its refresh token in Key Vault (refreshTokenSecret, as on Azure):
// the token is read from the secret, Entra's rotated token is written back as a new version of it, and
// the next run (a new process: no cached access token) redeems the newest one — the Insights stand-in
// refuses a used refresh token, so reading a stale version fails the run. Key Vault is a small REST
// stand-in here (GET/PUT /secrets/{name}?api-version=7.4, bearer token required, one 503 on the first
// write, which the client retries); the app identity is a fixed token credential.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type InsightsStandIn, startInsightsStandIn } from '../../../devtools/insights/server.js';
import { pullPartnerInsightsHandler } from '../../../shared/handlers/pullPartnerInsights.js';
import { KEY_VAULT_SCOPE } from '../../../shared/ingestion/partner-center/keyvault.js';
import { stackConfig } from '../helpers.js';
import { aTimer, type IngestionStack, ingestionStack, invocationContext } from './stack.js';

const SECRET = 'pc-refresh-4100007';
const ACCESS = 'kv-access-token';

interface KeyVaultStandIn {
  url: string;
  versions: Map<string, Array<{ value: string; contentType?: string }>>;
  requests: Array<{ method: string; path: string; authorized: boolean }>;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

async function startKeyVault(initial: Record<string, string>): Promise<KeyVaultStandIn> {
  const versions = new Map(Object.entries(initial).map(([name, value]) => [name, [{ value }]]));
  const requests: KeyVaultStandIn['requests'] = [];
  let failNextWrite = true;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://kv');
      const authorized = req.headers.authorization === `Bearer ${ACCESS}`;
      requests.push({ method: req.method ?? '', path: url.pathname, authorized });
      const send = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      const name = /^\/secrets\/([\w-]+)$/.exec(url.pathname)?.[1];
      if (!authorized) return send(401, { error: { code: 'Unauthorized' } });
      if (!name || url.searchParams.get('api-version') !== '7.4') return send(400, { error: { code: 'BadParameter' } });
      if (req.method === 'GET') {
        const latest = versions.get(name)?.at(-1);
        return latest
          ? send(200, { value: latest.value, id: `${url.origin}/secrets/${name}/v${versions.get(name)!.length}` })
          : send(404, { error: { code: 'SecretNotFound' } });
      }
      if (req.method === 'PUT') {
        const { value, contentType } = JSON.parse(await body(req)) as { value: string; contentType?: string };
        if (failNextWrite) {
          failNextWrite = false;
          return send(503, { error: { code: 'ServiceUnavailable' } });
        }
        versions.set(name, [...(versions.get(name) ?? []), { value, ...(contentType ? { contentType } : {}) }]);
        return send(200, { value, id: `${url.origin}/secrets/${name}/v${versions.get(name)!.length}` });
      }
      return send(405, { error: { code: 'MethodNotAllowed' } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    versions,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const scopes: string[] = [];
const appIdentity: TokenCredential = {
  getToken: async (scope) => {
    scopes.push(...(Array.isArray(scope) ? scope : [scope]));
    return { token: ACCESS, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

let standIn: InsightsStandIn;
let vault: KeyVaultStandIn;
let s: IngestionStack;
const lines: string[] = [];

beforeAll(async () => {
  standIn = await startInsightsStandIn({ completeAfterMs: 300 });
  vault = await startKeyVault({ [SECRET]: 'stand-in-refresh-token-0' });
  s = await ingestionStack('pc-keyvault');
});
afterAll(async () => {
  await standIn?.close();
  await vault?.close();
  await s?.close();
});

/** A fresh handler, as a new process has: no cached access token. */
function freshHandler() {
  const [connection] = JSON.parse(standIn.connections()) as Array<Record<string, unknown>>;
  const { refreshToken: _seed, ...rest } = connection!;
  const settings = stackConfig({
    PARTNER_INSIGHTS_CONNECTIONS: JSON.stringify([{ ...rest, refreshTokenSecret: SECRET }]),
    PARTNER_INSIGHTS_API_URL: standIn.apiUrl,
    PARTNER_INSIGHTS_AUTHORITY_URL: standIn.authorityUrl,
  });
  // The setting must be an https vault URL (config.ts); the stand-in speaks plain HTTP on 127.0.0.1.
  settings.PARTNER_INSIGHTS_KEY_VAULT_URL = vault.url;
  return pullPartnerInsightsHandler({ store: s.store, bus: s.bus, clock: s.clock, credentials: () => appIdentity }, settings, {
    queue: s.queue,
    pollIntervalMs: 200,
  });
}

describe('Partner Center refresh token in Key Vault', () => {
  it('reads the secret, writes the rotated token back as a new version, and the next run redeems the newest', async () => {
    const [first] = await freshHandler()(aTimer, invocationContext('pullPartnerInsights', lines));
    expect(first).toMatchObject({ status: 'imported', partnerId: '4100007' });
    expect(standIn.stats.tokenRedemptions).toBe(1);
    // Written back once (the 503 was retried), as the secret's newest version, marked as what it is.
    expect(vault.versions.get(SECRET)).toEqual([
      { value: 'stand-in-refresh-token-0' },
      { value: standIn.currentRefreshToken(), contentType: 'partner-center-refresh-token' },
    ]);
    expect(vault.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
    expect(vault.requests.every((r) => r.authorized && r.path === `/secrets/${SECRET}`)).toBe(true);
    expect(new Set(scopes)).toEqual(new Set([KEY_VAULT_SCOPE]));

    // A new process: it must read the rotated token from the vault (the first one no longer works).
    const [second] = await freshHandler()(aTimer, invocationContext('pullPartnerInsights', lines));
    expect(second).toMatchObject({ status: 'unchanged', partnerId: '4100007' }); // signed in; the same reports, nothing new
    expect(standIn.stats.tokenRedemptions).toBe(2);
    expect(vault.versions.get(SECRET)!.map((v) => v.value)).toEqual([
      'stand-in-refresh-token-0',
      'stand-in-refresh-token-1',
      'stand-in-refresh-token-2',
    ]);
    expect(standIn.currentRefreshToken()).toBe('stand-in-refresh-token-2');
    // Nothing of the token in the logs.
    expect(lines.join('\n')).not.toMatch(/stand-in-refresh-token/);
  }, 120_000);
});
