import type { CosmosClient } from '@azure/cosmos';

import type { HealthProbe } from '../../ports/health.js';

export function cosmosProbe(client: CosmosClient, databaseId: string): HealthProbe {
  return {
    name: 'cosmos',
    async check() {
      await client.database(databaseId).read();
    },
  };
}
