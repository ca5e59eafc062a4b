import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGuarded, waitForMessage, type GuardedChild } from './child.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface CosmosHandle {
  child: GuardedChild;
  port: number;
  endpoint: string;
}

/** Starts @vercel/cosmosdb-server (HTTPS, keep-alive, in memory) in a guarded child; port 0 = a free port. */
export async function startCosmos(opts: { host: string; port: number }): Promise<CosmosHandle> {
  const child = spawnGuarded('cosmosdb-server', path.join(here, 'cosmos-server.mjs'), [String(opts.port), opts.host]);
  try {
    const port = await waitForMessage(child, (m) =>
      typeof m === 'object' && m !== null && (m as { ready?: unknown }).ready === true ? Number((m as { port: unknown }).port) : undefined,
    );
    return { child, port, endpoint: `https://${opts.host}:${port}` };
  } catch (err) {
    await child.stop();
    throw err;
  }
}
