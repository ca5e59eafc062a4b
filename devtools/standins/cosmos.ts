import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { type GuardedChild, spawnGuarded, waitForMessage } from './child.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Requests the stand-in has served since it started; query-plan requests (one beside every query) apart. */
export interface CosmosRequestCount {
  requests: number;
  queryPlans: number;
}

export interface CosmosHandle {
  child: GuardedChild;
  port: number;
  endpoint: string;
  requestCount(): Promise<CosmosRequestCount>;
}

/**
 * Starts @vercel/cosmosdb-server (HTTPS, keep-alive) in a guarded child; port 0 = a free port. With
 * `dataDir` its data persists there (cosmos-persistence.mjs); without, it is in memory.
 */
export async function startCosmos(opts: { host: string; port: number; dataDir?: string }): Promise<CosmosHandle> {
  const args = [String(opts.port), opts.host, ...(opts.dataDir ? [opts.dataDir] : [])];
  const child = spawnGuarded('cosmosdb-server', path.join(here, 'cosmos-server.mjs'), args);
  try {
    const port = await waitForMessage(child, (m) =>
      typeof m === 'object' && m !== null && (m as { ready?: unknown }).ready === true ? Number((m as { port: unknown }).port) : undefined,
    );
    const requestCount = () => {
      const answer = waitForMessage(child, (m) => (m as { requestCount?: CosmosRequestCount } | null)?.requestCount, 5_000);
      child.process.send({ requestCount: true });
      return answer;
    };
    return { child, port, endpoint: `https://${opts.host}:${port}`, requestCount };
  } catch (err) {
    await child.stop();
    throw err;
  }
}
