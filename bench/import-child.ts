// One import measurement in a process of its own (bench/imports.ts): `import` runs importExport over
// the file to a bus that drops the messages; `baseline` reads the whole file, splits it into lines and
// parses each (JSON.parse; CSV: split(',') and an object keyed by the header); `bare` (CSV) only splits.
// Prints one JSON line: time, messages, rejected rows, bytes, and process.resourceUsage().maxRSS.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { importExport } from '../shared/imports/import-file.js';

export interface ChildResult {
  ms: number;
  messages: number;
  rejected: number;
  bytes: number;
  maxRssMb: number;
}

async function baseline(file: string, format: string, bare: boolean): Promise<number> {
  const t0 = performance.now();
  const text = await readFile(file, 'utf8');
  let sink = 0;
  let header: string[] | null = null;
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (format === 'ndjson') sink += (JSON.parse(line) as { acrUsd: number }).acrUsd;
    else if (bare) sink += line.split(',').length;
    else {
      const cells = line.split(',');
      if (!header) {
        header = cells;
        continue;
      }
      const record: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) record[header[i]!] = cells[i] ?? '';
      sink += record.acrUsd!.length;
    }
  }
  if (Number.isNaN(sink)) console.log('');
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const [mode, file, format] = process.argv.slice(2) as [string, string, string];
  let ms: number;
  let messages = 0;
  let rejected = 0;
  if (mode === 'import') {
    const t0 = performance.now();
    const report = await importExport(createReadStream(file), {
      fileName: path.basename(file),
      etag: '"bench"',
      send: async () => {
        messages++;
      },
    });
    ms = performance.now() - t0;
    rejected = report.rejectedCount;
  } else {
    ms = await baseline(file, format, mode === 'bare');
  }
  const result: ChildResult = {
    ms,
    messages,
    rejected,
    bytes: (await stat(file)).size,
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
  console.log(JSON.stringify(result));
}

await main();
