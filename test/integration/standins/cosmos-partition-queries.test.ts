// The Cosmos stand-in answers a query sent for one partition (the SDK's partitionKey option) from that
// partition only, as Cosmos DB does; a cross-partition query still reads every partition, also on the same
// keep-alive connection right after a scoped one.
import https from 'node:https';

import { CosmosClient } from '@azure/cosmos';
import { afterAll, describe, expect, it } from 'vitest';

import { type CosmosHandle, startCosmos } from '../../../devtools/standins/cosmos.js';
import { LOCAL_COSMOS_KEY } from '../../../shared/config/config.js';

let handle: CosmosHandle | undefined;
afterAll(async () => {
  await handle?.child.stop();
});

describe('Cosmos stand-in: partition-scoped queries', () => {
  it('a query with a partition key reads that partition only; one without reads all', async () => {
    handle = await startCosmos({ host: '127.0.0.1', port: 0 });
    const client = new CosmosClient({
      endpoint: handle.endpoint,
      key: LOCAL_COSMOS_KEY,
      agent: new https.Agent({ rejectUnauthorized: false, keepAlive: true, maxSockets: 1 }),
    });
    const { database } = await client.databases.createIfNotExists({ id: 'd' });
    const { container } = await database.containers.createIfNotExists({ id: 'c', partitionKey: { paths: ['/pk'] } });
    for (const [id, pk] of [
      ['1', 'a'],
      ['2', 'a'],
      ['3', 'b'],
    ])
      await container.items.create({ id, pk });
    const ids = async (partitionKey?: string) => {
      const { resources } = await container.items
        .query<{ id: string }>('SELECT c.id FROM c ORDER BY c.id', partitionKey === undefined ? {} : { partitionKey })
        .fetchAll();
      return resources.map((r) => r.id);
    };
    expect(await ids('a')).toEqual(['1', '2']);
    expect(await ids('b')).toEqual(['3']);
    expect(await ids()).toEqual(['1', '2', '3']);
    expect(await ids('a')).toEqual(['1', '2']);
    expect(await ids()).toEqual(['1', '2', '3']);
    client.dispose();
  });
});
