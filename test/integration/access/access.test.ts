// The app's own key checks end to end, with LOCAL_REQUIRE_KEYS=true: the local host and the real Cosmos
// stand-in, keys made and revoked by the real `pcs keys` command (spawned, as people run it).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';

import { type RunningHost, startHost } from '../../../devtools/host/host.js';
import { getRoot } from '../../../functions/composition.js';
import { hashKey } from '../../../shared/access/keys.js';
import { applyPartnerChanges } from '../../../shared/pipeline/apply.js';
import { RecordingBus, sampleMessages, TestClock } from '../../unit/pipeline/fakes.js';
import { unique } from '../helpers.js';

const root = join(import.meta.dirname, '../../..');
const { settings } = inject('stack');
const database = unique('access');
let host: RunningHost;
let api: string;

/** `pcs keys …` in its own process, against this file's database. */
async function pcsKeys(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(root, 'shared/cli/pcs.ts'), 'keys', ...args],
      {
        cwd: root,
        env: { ...process.env, ...settings, COSMOS_DATABASE: database },
        encoding: 'utf8',
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const get = (path: string, key?: string, how: 'header' | 'bearer' = 'header') =>
  fetch(`${api}/${path}`, {
    headers: key === undefined ? {} : how === 'header' ? { 'x-functions-key': key } : { authorization: `Bearer ${key}` },
  });

beforeAll(async () => {
  host = await startHost({
    settings: { ...settings, COSMOS_DATABASE: database, LOCAL_REQUIRE_KEYS: 'true' },
    httpPort: 0,
    timers: false,
    serviceBus: false,
    log: () => {},
  });
  api = `${host.url}/api`;
  const deps = { store: getRoot().ports.store, repos: getRoot().ports.repos, bus: new RecordingBus(), clock: new TestClock('2026-11-21') };
  for (const partnerId of ['4100003', '4100004'])
    for (const message of await sampleMessages(partnerId)) await applyPartnerChanges(deps, message);
}, 120_000);
afterAll(async () => {
  await host?.stop();
  // The host wrote its settings into this worker's environment.
  delete process.env.LOCAL_REQUIRE_KEYS;
});

describe('with LOCAL_REQUIRE_KEYS=true', () => {
  let adminKey: string;
  let partnerKey: string;

  it('answers 401 { error } without a key, but health and the signed webhook need none', async () => {
    for (const path of ['partners', 'partners/4100003', 'me', 'imports', 'claims/4100003']) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      expect(await res.json(), path).toEqual({ error: expect.any(String) });
    }
    expect((await get('health')).status).not.toBe(401);
    // Unsigned, so refused by its signature check (400/401 from the webhook), not by a key check.
    const push = await fetch(`${api}/changes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
    expect(await push.json()).not.toEqual({ error: expect.stringContaining('API key') });
    expect((await get('partners', 'dt_' + 'x'.repeat(43))).status).toBe(401);
  });

  it('pcs keys create prints the key alone on standard output', async () => {
    const admin = await pcsKeys('create', '--admin');
    expect(admin).toMatchObject({ code: 0, stderr: '' });
    expect(admin.stdout).toMatch(/^dt_[A-Za-z0-9_-]{43}\n$/);
    adminKey = admin.stdout.trim();
    const partner = await pcsKeys('create', '--partner', '4100003');
    expect(partner.code).toBe(0);
    expect(partner.stdout).toMatch(/^dt_[A-Za-z0-9_-]{43}\n$/);
    partnerKey = partner.stdout.trim();
    expect((await pcsKeys('create')).code).toBe(1);
  });

  it('the admin key sees every partner, imports and its own scope', async () => {
    const list = await get('partners', adminKey);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { partners: { partnerId: string }[] }).partners.map((p) => p.partnerId)).toEqual(['4100003', '4100004']);
    expect((await get('partners/4100004', adminKey, 'bearer')).status).toBe(200);
    expect((await get('imports', adminKey)).status).toBe(200);
    expect(await (await get('me', adminKey)).json()).toEqual({ admin: true, partners: null, via: 'key' });
  });

  it('a partner key sees its partner only: 403 on another, the list filtered, no imports', async () => {
    expect((await get('partners/4100003', partnerKey)).status).toBe(200);
    expect((await get('partners/4100003/history', partnerKey, 'bearer')).status).toBe(200);
    for (const path of ['partners/4100004', 'partners/4100004/explanations', 'partners/4100004/forecast', 'claims/4100004', 'imports']) {
      const res = await get(path, partnerKey);
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toEqual({ error: expect.any(String) });
    }
    const list = await get('partners', partnerKey);
    expect(((await list.json()) as { partners: { partnerId: string }[] }).partners.map((p) => p.partnerId)).toEqual(['4100003']);
    expect(await (await get('me', partnerKey)).json()).toEqual({ admin: false, partners: ['4100003'], via: 'key' });
  });

  it('pcs keys list shows ids and scopes, never keys; a revoked key is refused at the next request', async () => {
    const listed = await pcsKeys('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(hashKey(partnerKey).slice(0, 16));
    expect(listed.stdout).toContain('partners 4100003');
    expect(listed.stdout).not.toContain(partnerKey.slice(3));
    expect(listed.stdout).not.toContain(adminKey.slice(3));

    const revoked = await pcsKeys('revoke', partnerKey);
    expect(revoked).toMatchObject({ code: 0, stdout: '' });
    expect(revoked.stderr).toMatch(/^pcs keys: revoked [0-9a-f]{16} .*\n$/);
    const after = await get('partners/4100003', partnerKey);
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({ error: 'the API key was revoked' });
    expect((await pcsKeys('list')).stdout).toMatch(/partners 4100003\tcreated \S+\trevoked /);
    // By id prefix too (for a key nobody has any more).
    expect((await pcsKeys('revoke', hashKey(adminKey).slice(0, 12))).code).toBe(0);
    expect((await get('me', adminKey)).status).toBe(401);
    expect((await pcsKeys('revoke', 'dt_' + 'y'.repeat(43))).code).toBe(1);
  });
});
