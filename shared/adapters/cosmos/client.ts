import https from 'node:https';

import { CosmosClient, type CosmosClientOptions } from '@azure/cosmos';

import type { Config } from '../../config/config.js';
import type { Connections } from '../../config/connections.js';
import { type CredentialFactory, defaultCredentials } from '../identity/credential.js';

export type CosmosSettings = Pick<Config, 'COSMOS_ALLOW_SELF_SIGNED'> & { connections: Pick<Connections, 'cosmos'> };

/**
 * Key-based (COSMOS_KEY, or the emulator's key for a local endpoint) or keyless: Microsoft Entra tokens from
 * the app's identity, which needs the Cosmos DB Built-in Data Contributor data-plane role (infra/main.bicep).
 * The local stand-in serves HTTPS with a self-signed certificate; it is trusted only when
 * COSMOS_ALLOW_SELF_SIGNED is true. keepAlive matters: without it every request opens a TLS connection.
 */
export function cosmosClientOptions(settings: CosmosSettings, credentials: CredentialFactory = defaultCredentials): CosmosClientOptions {
  const access = settings.connections.cosmos;
  const agent = settings.COSMOS_ALLOW_SELF_SIGNED
    ? new https.Agent({ rejectUnauthorized: false, keepAlive: true })
    : new https.Agent({ keepAlive: true });
  return {
    endpoint: access.endpoint,
    ...(access.auth === 'key' ? { key: access.key } : { aadCredentials: credentials(access.identity) }),
    agent,
    // The stand-in advertises its own address in account metadata; discovery would only ever find that one
    // region there, so it is switched off locally. On Azure it stays on (multi-region failover).
    connectionPolicy: { enableEndpointDiscovery: !settings.COSMOS_ALLOW_SELF_SIGNED },
  };
}

export function createCosmosClient(settings: CosmosSettings, credentials: CredentialFactory = defaultCredentials): CosmosClient {
  return new CosmosClient(cosmosClientOptions(settings, credentials));
}
