import https from 'node:https';
import { CosmosClient } from '@azure/cosmos';
import type { Config } from '../../config/index.js';

export type CosmosSettings = Pick<Config, 'COSMOS_ENDPOINT' | 'COSMOS_KEY' | 'COSMOS_ALLOW_SELF_SIGNED'>;

/**
 * Key-based for now: keyless (managed identity) needs @azure/identity, which is not a dependency yet.
 * The local stand-in serves HTTPS with a self-signed certificate; it is trusted only when
 * COSMOS_ALLOW_SELF_SIGNED is true. keepAlive matters: without it every request opens a TLS connection.
 */
export function createCosmosClient(settings: CosmosSettings): CosmosClient {
  const agent = settings.COSMOS_ALLOW_SELF_SIGNED
    ? new https.Agent({ rejectUnauthorized: false, keepAlive: true })
    : new https.Agent({ keepAlive: true });
  return new CosmosClient({
    endpoint: settings.COSMOS_ENDPOINT,
    key: settings.COSMOS_KEY,
    agent,
    // The stand-in advertises its own address in account metadata; discovery would only ever find that one
    // region there, so it is switched off locally. On Azure it stays on (multi-region failover).
    connectionPolicy: { enableEndpointDiscovery: !settings.COSMOS_ALLOW_SELF_SIGNED },
  });
}
