import { createRequire } from 'node:module';
import path from 'node:path';

import { type GuardedChild, spawnGuarded } from './child.js';
import { portOrFree, waitForPort } from './ports.js';

/** Azurite's published development account (also what UseDevelopmentStorage=true means). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(host: string, ports: { blob: number; queue: number; table: number }): string {
  const base = (p: number) => `http://${host}:${p}/${AZURITE_ACCOUNT}`;
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${AZURITE_ACCOUNT}`,
    `AccountKey=${AZURITE_KEY}`,
    `BlobEndpoint=${base(ports.blob)}`,
    `QueueEndpoint=${base(ports.queue)}`,
    `TableEndpoint=${base(ports.table)}`,
  ].join(';');
}

export interface AzuriteHandle {
  child: GuardedChild;
  ports: { blob: number; queue: number; table: number };
  connectionString: string;
}

/**
 * Starts Azurite (blob, queue, table) as a guarded child process; ports 0 = free ports. With `dataDir`
 * it keeps its data there (Azurite's own on-disk persistence, `--location`); without, in memory.
 */
export async function startAzurite(opts: {
  host: string;
  blobPort: number;
  queuePort: number;
  tablePort: number;
  dataDir?: string;
}): Promise<AzuriteHandle> {
  const require = createRequire(import.meta.url);
  const script = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'azurite.js');
  const ports = {
    blob: await portOrFree(opts.blobPort, opts.host),
    queue: await portOrFree(opts.queuePort, opts.host),
    table: await portOrFree(opts.tablePort, opts.host),
  };
  // Persistent only together with the other stand-ins (the launcher passes one data directory to all),
  // so a restart never pairs kept blobs with an empty database.
  const persistence = opts.dataDir ? ['--location', opts.dataDir] : ['--inMemoryPersistence'];
  const child = spawnGuarded('azurite', script, [
    '--silent',
    ...persistence,
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--blobHost',
    opts.host,
    '--queueHost',
    opts.host,
    '--tableHost',
    opts.host,
    '--blobPort',
    String(ports.blob),
    '--queuePort',
    String(ports.queue),
    '--tablePort',
    String(ports.table),
  ]);
  try {
    for (const p of Object.values(ports)) {
      await waitForPort(p, opts.host, 30_000, () => (child.exitInfo() ? `${child.exitInfo()}\n${child.output()}` : undefined));
    }
  } catch (err) {
    await child.stop();
    throw err;
  }
  return { child, ports, connectionString: azuriteConnectionString(opts.host, ports) };
}
