// Issue 11, defect 11 on the Cosmos stand-in: ensureCosmosSchema creates `operations` with TTL on
// (defaultTtl -1), and the sweep (shared/store/ttl.ts) deletes the expired records the stand-in keeps.
import type { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCosmosClient } from '../../../shared/adapters/cosmos/client.js';
import { createCosmosRepositories } from '../../../shared/adapters/cosmos/repositories/index.js';
import { createCosmosStore, ensureCosmosSchema } from '../../../shared/adapters/cosmos/store.js';
import type { DocumentStore } from '../../../shared/ports/documentStore.js';
import { sweepExpired } from '../../../shared/store/ttl.js';
import { stackConfig, unique } from '../helpers.js';

let cosmos: CosmosClient;
let store: DocumentStore;

beforeAll(async () => {
  const config = stackConfig();
  cosmos = createCosmosClient(config);
  store = createCosmosStore(await ensureCosmosSchema(cosmos, config.COSMOS_DATABASE));
}, 120_000);
afterAll(() => cosmos?.dispose());

describe('operations TTL on the stand-in', () => {
  it('sweepExpired deletes records whose _ts + ttl has passed, one page at a time, in its partition only', async () => {
    const pk = unique('ttl-test');
    const other = unique('ttl-other');
    const ops = store.collection('operations');
    for (let i = 0; i < 5; i++) await ops.upsert({ id: `short-${i}`, pk, ttl: 60 });
    await ops.upsert({ id: 'long', pk, ttl: 86_400 });
    await ops.upsert({ id: 'forever', pk });
    await ops.upsert({ id: 'elsewhere', pk: other, ttl: 60 });

    expect(await sweepExpired(store, createCosmosRepositories(store).expiredRecords, { partitions: [pk] })).toEqual({});
    const inTwoMinutes = new Date(Date.now() + 120_000);
    expect(
      await sweepExpired(store, createCosmosRepositories(store).expiredRecords, { partitions: [pk], now: inTwoMinutes, pageSize: 2 }),
    ).toEqual({ [pk]: 5 });
    for (let i = 0; i < 5; i++) expect(await ops.read(`short-${i}`, pk)).toBeUndefined();
    expect(await ops.read('long', pk)).toBeDefined();
    expect(await ops.read('forever', pk)).toBeDefined();
    expect(await ops.read('elsewhere', other)).toBeDefined();
    expect(
      await sweepExpired(store, createCosmosRepositories(store).expiredRecords, {
        partitions: [pk, other],
        now: new Date(Date.now() + 2 * 86_400_000),
      }),
    ).toEqual({
      [pk]: 1,
      [other]: 1,
    });
    expect(await ops.read('forever', pk)).toBeDefined();
  });
});
