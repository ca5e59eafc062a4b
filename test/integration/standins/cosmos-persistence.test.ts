// The Cosmos stand-in with a data directory, killed with SIGKILL and started again on it, through the
// unmodified @azure/cosmos SDK: databases, containers and documents are back with their _etag and _ts,
// so a conditional write with an ETag read before the crash still succeeds (and a stale one still gets
// 412); deletes stay deleted; new documents get fresh resource ids.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

import { type Container, CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type CosmosHandle, startCosmos } from '../../../devtools/standins/cosmos.js';
import { LOCAL_COSMOS_KEY } from '../../../shared/config/config.js';

let dataDir: string;
const handles: CosmosHandle[] = [];

function client(h: CosmosHandle): CosmosClient {
  return new CosmosClient({
    endpoint: h.endpoint,
    key: LOCAL_COSMOS_KEY,
    agent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }),
  });
}

async function start(): Promise<CosmosHandle> {
  const h = await startCosmos({ host: '127.0.0.1', port: 0, dataDir });
  handles.push(h);
  return h;
}

function kill9(h: CosmosHandle): Promise<void> {
  return new Promise((resolve) => {
    if (h.child.exitInfo()) return resolve();
    h.child.process.once('exit', () => resolve());
    process.kill(-h.child.pid, 'SIGKILL');
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dt-cosmos-data-'));
});
afterAll(async () => {
  for (const h of handles) await h.child.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Cosmos stand-in with a data directory', () => {
  it('keeps what it acknowledged across kill -9, ETags included', async () => {
    const first = await start();
    const c1 = client(first);
    const { database } = await c1.databases.createIfNotExists({ id: 'd' });
    const { container } = await database.containers.createIfNotExists({ id: 'partners', partitionKey: { paths: ['/partnerId'] } });
    await database.containers.createIfNotExists({ id: 'dropped', partitionKey: { paths: ['/pk'] } });
    await database.container('dropped').delete();
    await container.items.create({ id: 'a', partnerId: 'p1', v: 1 });
    const replaced = await container.item('a', 'p1').replace({ id: 'a', partnerId: 'p1', v: 2 });
    await container.items.upsert({ id: 'b', partnerId: 'p1', v: 1 });
    await container.item('b', 'p1').patch([{ op: 'incr', path: '/v', value: 5 }]);
    await container.items.create({ id: 'gone', partnerId: 'p2' });
    await container.item('gone', 'p2').delete();
    const staleEtag = (await container.items.create({ id: 'c', partnerId: 'p2', v: 1 })).etag;
    await container.item('c', 'p2').replace({ id: 'c', partnerId: 'p2', v: 2 });
    const ts = (await container.item('a', 'p1').read()).resource._ts;
    c1.dispose();
    await kill9(first);

    const second = await start();
    const c2 = client(second);
    const partners: Container = c2.database('d').container('partners');
    const a = await partners.item('a', 'p1').read();
    expect(a.resource).toMatchObject({ id: 'a', v: 2, _ts: ts });
    expect(a.etag).toBe(replaced.etag);
    expect((await partners.item('b', 'p1').read()).resource.v).toBe(6);
    expect((await partners.item('gone', 'p2').read()).statusCode).toBe(404);
    const { resources: containers } = await c2.database('d').containers.readAll().fetchAll();
    expect(containers.map((x) => x.id)).toEqual(['partners']);
    // The ETag from before the crash is still the document's ETag; a stale one is still refused.
    await expect(
      partners
        .item('a', 'p1')
        .replace({ id: 'a', partnerId: 'p1', v: 3 }, { accessCondition: { type: 'IfMatch', condition: replaced.etag! } }),
    ).resolves.toMatchObject({ statusCode: 200 });
    await expect(
      partners.item('c', 'p2').replace({ id: 'c', partnerId: 'p2', v: 9 }, { accessCondition: { type: 'IfMatch', condition: staleEtag! } }),
    ).rejects.toMatchObject({ code: 412 });
    // New documents get rids of their own (the counter was restored), so none shadows an old one.
    await partners.items.create({ id: 'd', partnerId: 'p3' });
    const { resources } = await partners.items.query('SELECT c.id, c._rid FROM c').fetchAll();
    expect(resources.map((r) => r.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(new Set(resources.map((r) => r._rid)).size).toBe(4);
    c2.dispose();
  }, 90_000);

  it('every acknowledged upsert is in the journal file when its answer arrives; the cost is printed', async () => {
    const persistent = handles.at(-1)!;
    const memory = await startCosmos({ host: '127.0.0.1', port: 0 });
    handles.push(memory);
    const time = async (h: CosmosHandle, n: number) => {
      const c = client(h);
      const { database } = await c.databases.createIfNotExists({ id: 'bench' });
      const { container } = await database.containers.createIfNotExists({ id: 'b', partitionKey: { paths: ['/pk'] } });
      await container.items.upsert({ id: 'warm', pk: 'w' });
      const t = performance.now();
      for (let i = 0; i < n; i++) await container.items.upsert({ id: `x${i}`, pk: 'p', v: i, pad: 'x'.repeat(200) });
      const ms = (performance.now() - t) / n;
      c.dispose();
      return ms;
    };
    const mem = await time(memory, 200);
    const disk = await time(persistent, 200);
    // Read right after the last answer: written (and fsynced) before it was sent.
    const journal = readFileSync(path.join(dataDir, 'cosmos.journal.jsonl'), 'utf8');
    expect(journal).toContain('"id":"x199"');
    console.log(
      `cosmos stand-in, 200 sequential upserts: ${mem.toFixed(2)} ms each in memory, ${disk.toFixed(2)} ms each with the journal`,
    );
  }, 90_000);
});
