// The Cosmos adapter against @vercel/cosmosdb-server through the real @azure/cosmos SDK.
import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { cosmosProbe } from '../../../shared/adapters/cosmos/health.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import {
  DocumentConflictError,
  DocumentNotFoundError,
  DocumentPreconditionError,
  type DocumentStore,
} from '../../../shared/ports/documentStore.js';
import { stackConfig } from '../helpers.js';

const config = stackConfig();
let client: CosmosClient;
let store: DocumentStore;

beforeAll(async () => {
  client = createCosmosClient(config);
  store = createCosmosStore(await ensureCosmosSchema(client, config.COSMOS_DATABASE));
});
afterAll(() => client.dispose());

describe('Cosmos DocumentStore', () => {
  it('creates and point-reads a document with its etag, without system fields', async () => {
    const partners = store.collection('partners');
    const created = await partners.create({ id: 'profile', partnerId: 'p-read', name: 'Contoso' });
    expect(created.etag).toBeTruthy();
    const read = await partners.read<{ id: string; partnerId: string; name: string }>('profile', 'p-read');
    expect(read).toEqual({ doc: { id: 'profile', partnerId: 'p-read', name: 'Contoso' }, etag: created.etag });
    expect(await partners.read('profile', 'p-other')).toBeUndefined();
    expect(await partners.read('missing', 'p-read')).toBeUndefined();
  });

  it('refuses a second create of the same id in a partition', async () => {
    const ops = store.collection('operations');
    await ops.create({ id: 'dup', pk: 'test' });
    await expect(ops.create({ id: 'dup', pk: 'test' })).rejects.toBeInstanceOf(DocumentConflictError);
    // The same id in another partition is another document.
    await expect(ops.create({ id: 'dup', pk: 'test-2' })).resolves.toBeTruthy();
  });

  it('replaces only with the current etag', async () => {
    const partners = store.collection('partners');
    const v1 = await partners.create({ id: 'state', partnerId: 'p-etag', score: 1 });
    const v2 = await partners.replace({ id: 'state', partnerId: 'p-etag', score: 2 }, v1.etag);
    expect(v2.etag).not.toBe(v1.etag);
    await expect(partners.replace({ id: 'state', partnerId: 'p-etag', score: 3 }, v1.etag)).rejects.toBeInstanceOf(
      DocumentPreconditionError,
    );
    expect((await partners.read<{ id: string; score: number }>('state', 'p-etag'))?.doc.score).toBe(2);
    await expect(partners.replace({ id: 'nope', partnerId: 'p-etag' }, v1.etag)).rejects.toBeInstanceOf(DocumentNotFoundError);
  });

  it('upserts and deletes (delete of a missing document is fine)', async () => {
    const ops = store.collection('operations');
    await ops.upsert({ id: 'u', pk: 'upsert', n: 1 });
    await ops.upsert({ id: 'u', pk: 'upsert', n: 2 });
    expect((await ops.read<{ id: string; n: number }>('u', 'upsert'))?.doc.n).toBe(2);
    await ops.delete('u', 'upsert');
    await ops.delete('u', 'upsert');
    expect(await ops.read('u', 'upsert')).toBeUndefined();
  });

  it('refuses a document without its partition key', async () => {
    await expect(store.collection('partners').create({ id: 'x' })).rejects.toThrow(/partnerId/);
  });

  it('queries with parameters, page by page and across partitions', async () => {
    const ops = store.collection('operations');
    for (let i = 0; i < 7; i++) await ops.create({ id: `q${i}`, pk: `query-${i % 2}`, kind: 'query-test', i });
    const spec = { query: 'SELECT * FROM c WHERE c.kind = @kind ORDER BY c.i', parameters: [{ name: '@kind', value: 'query-test' }] };

    // The stand-in ignores the partitionKey option on queries, so the partition is also in the WHERE clause.
    const inPartition = {
      query: 'SELECT * FROM c WHERE c.kind = @kind AND c.pk = @pk ORDER BY c.i',
      parameters: [...spec.parameters, { name: '@pk', value: 'query-0' }],
    };
    const first = await ops.query<{ i: number }>(inPartition, { partitionKey: 'query-0', pageSize: 2 });
    expect(first.items.map((d) => d.i)).toEqual([0, 2]);
    expect(first.continuationToken).toBeTruthy();
    const second = await ops.query<{ i: number }>(inPartition, {
      partitionKey: 'query-0',
      pageSize: 2,
      continuationToken: first.continuationToken!,
    });
    expect(second.items.map((d) => d.i)).toEqual([4, 6]);

    const all: number[] = [];
    for await (const d of ops.queryAll<{ i: number; _rid?: string }>(spec, { pageSize: 3 })) {
      expect(d._rid).toBeUndefined();
      all.push(d.i);
    }
    expect(all.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('has a health probe that reaches the account', async () => {
    await expect(cosmosProbe(client, config.COSMOS_DATABASE).check()).resolves.toBeUndefined();
    await expect(cosmosProbe(client, 'no-such-database').check()).rejects.toThrow();
  });
});
