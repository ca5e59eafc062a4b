// Sample data for the local stack: the Partner Center export drops under samples/exports (uploaded to the
// exports container, as Partner Center's tooling would) and the partner whose plan the demo applies.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createBlobServiceClient } from '../../shared/adapters/blob/exports.js';
import type { Config } from '../../shared/config/config.js';
import { monthsBetween, shiftSampleText } from './shift-samples.js';

/** The day the sample exports were written for (samples/generate.ts): month M = 2026-10. */
export const SAMPLES_DAY = '2026-11-21';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../samples');
export const SAMPLE_EXPORTS_DIR = path.join(SAMPLES, 'exports');
/** Northwind (4100003) is just below 70 in Business Applications; the demo applies its plan to lift it over. */
export const LIFTED_PARTNER = { partnerId: '4100003', area: 'businessApplications' } as const;

/** How many files the exports container holds (counting stops at 2: "none, one or more" is what matters). */
export async function exportsPresent(config: Config): Promise<number> {
  const container = createBlobServiceClient(config.connections.storage).getContainerClient(config.EXPORTS_CONTAINER);
  if (!(await container.exists())) return 0;
  let n = 0;
  for await (const _blob of container.listBlobsFlat()) if (++n >= 2) break;
  return n;
}

/**
 * Uploads every sample export file (blob name = file name); returns the names. Idempotent. With `loadDay`,
 * every date and month in them is moved by the whole months from SAMPLES_DAY to it (shift-samples.ts).
 */
export async function uploadSampleExports(config: Config, loadDay: string = SAMPLES_DAY): Promise<string[]> {
  const months = monthsBetween(SAMPLES_DAY, loadDay);
  const container = createBlobServiceClient(config.connections.storage).getContainerClient(config.EXPORTS_CONTAINER);
  await container.createIfNotExists();
  const names = (await readdir(SAMPLE_EXPORTS_DIR)).filter((f) => /\.(csv|ndjson)$/i.test(f)).sort();
  for (const name of names) {
    const content = await readFile(path.join(SAMPLE_EXPORTS_DIR, name));
    await container
      .getBlockBlobClient(name)
      .uploadData(months === 0 ? content : Buffer.from(shiftSampleText(content.toString('utf8'), months), 'utf8'));
  }
  return names;
}
