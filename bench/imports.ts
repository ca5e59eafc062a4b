// Import: a generated usage export (CSV and NDJSON, 200,000 rows by default; BENCH_IMPORT_ROWS) read
// through the project's import (importExport: parseExportStream → change events → groupByPartner →
// messages, to a bus that drops them) vs a plain read + split + JSON.parse (NDJSON) / split(',') (CSV)
// of the same file. Peak RSS sampled during the import (timer and on every message).
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { importExport } from '../shared/imports/index.js';

export interface ImportResult {
  format: 'csv' | 'ndjson';
  rows: number;
  mb: number;
  importMs: number;
  baselineMs: number;
  /** import rows/s ÷ baseline rows/s. */
  overBaseline: number;
  messages: number;
  rejected: number;
  peakRssMb: number;
}

const SERVICES = [
  'Storage',
  'Azure Functions',
  'SQL Database',
  'Virtual Machines',
  'App Service',
  'Key Vault',
  'Cosmos DB',
  'Azure OpenAI',
];
const MONTHS = Array.from({ length: 25 }, (_, i) => {
  const m = 2024 * 12 + 9 + i; // 2024-10 … 2026-10
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
});

/** Row i: 200 partners × 40 tenants × 25 months, one service per (tenant, month). */
function row(i: number) {
  const month = MONTHS[i % 25] as string;
  const tenant = Math.floor(i / 25);
  const partner = 5_000_000 + (tenant % 200);
  return {
    partnerId: String(partner),
    tenantId: `t-${tenant}`,
    month,
    service: SERVICES[tenant % SERVICES.length] as string,
    offer: 'standard',
    association: 'PAL',
    acrUsd: ((i * 7919) % 300_000) / 100,
    observedAt: '2026-11-20T06:00:00Z',
  };
}

async function writeFiles(dir: string, rows: number): Promise<{ csv: string; ndjson: string }> {
  const csv = path.join(dir, 'usage-azure-2026-11.csv');
  const ndjson = path.join(dir, 'usage-azure-2026-11.ndjson');
  const header = 'partnerId,tenantId,month,service,offer,association,acrUsd,observedAt';
  const csvLines: string[] = [header];
  const jsonLines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    csvLines.push(`${r.partnerId},${r.tenantId},${r.month},${r.service},${r.offer},${r.association},${r.acrUsd},${r.observedAt}`);
    jsonLines.push(JSON.stringify({ ...r, kind: 'azure' }));
  }
  await writeFile(csv, csvLines.join('\n') + '\n');
  await writeFile(ndjson, jsonLines.join('\n') + '\n');
  return { csv, ndjson };
}

async function baseline(file: string, format: 'csv' | 'ndjson'): Promise<number> {
  const t0 = performance.now();
  const text = await readFile(file, 'utf8');
  let sink = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (format === 'ndjson') sink += (JSON.parse(line) as { acrUsd: number }).acrUsd;
    else sink += line.split(',').length;
  }
  if (Number.isNaN(sink)) console.log('');
  return performance.now() - t0;
}

async function timedImport(file: string): Promise<{ ms: number; messages: number; rejected: number; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 10);
  let messages = 0;
  const t0 = performance.now();
  const report = await importExport(createReadStream(file), {
    fileName: path.basename(file),
    send: async () => {
      messages++;
      if (messages % 16 === 0) sample();
    },
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  const rejected = report.rejectedCount;
  if (rejected > 0) throw new Error(`bench import rejected ${rejected} row(s): ${JSON.stringify(report.rejected[0])}`);
  return { ms, messages, rejected, peakRss: peak };
}

export async function importBench(rows: number): Promise<ImportResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-import-'));
  try {
    const files = await writeFiles(dir, rows);
    const out: ImportResult[] = [];
    for (const format of ['csv', 'ndjson'] as const) {
      const file = files[format];
      await baseline(file, format); // warm
      const baselineMs = await baseline(file, format);
      (globalThis as { gc?: () => void }).gc?.();
      const imp = await timedImport(file);
      const mb = (await readFile(file)).length / 1e6;
      out.push({
        format,
        rows,
        mb,
        importMs: imp.ms,
        baselineMs,
        overBaseline: baselineMs / imp.ms,
        messages: imp.messages,
        rejected: imp.rejected,
        peakRssMb: imp.peakRss / 1e6,
      });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
