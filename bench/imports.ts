// Import: a generated usage export (CSV and NDJSON, 200,000 rows by default; BENCH_IMPORT_ROWS) read
// through the project's import (importExport: parse → change events → per-partner messages, to a bus
// that drops them) vs a plain Node read + split + parse of the same file: JSON.parse per line (NDJSON);
// split(',') and an object per row keyed by the header (CSV — the CSV counterpart of JSON.parse; the
// ratio over a bare split(',') is given too), and the floor under any import that makes a change object per
// row and content-addressed message ids (import-child.ts floorImport). Each run is its own child process (bench/import-child.ts),
// so peak RSS is process.resourceUsage().maxRSS of a fresh process holding nothing else.
//
// Recomputes per partner per file: a smaller file (BENCH_RECOMPUTE_ROWS, 10 partners) imported with an
// ETag and every message applied by the processor (in-memory store): recomputes ÷ partners.
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { PartnerChangeMessage } from '../shared/domain/changes/message.js';
import { importExport } from '../shared/imports/import-file.js';
import { applyPartnerChanges } from '../shared/pipeline/apply.js';
import { MemoryStore } from '../test/support/memory-store.js';
import type { ChildResult } from './import-child.js';
import { benchClock } from './store-ops.js';

export interface ImportResult {
  format: 'csv' | 'ndjson';
  rows: number;
  mb: number;
  importMs: number;
  baselineMs: number;
  /** import rows/s ÷ baseline rows/s. */
  overBaseline: number;
  /** CSV only: import rows/s ÷ a bare read + split + split(',') (no object per row). */
  overBareSplit?: number;
  /** The floor (import-child.ts floorImport: no validation, content-addressed ids) rows/s ÷ baseline rows/s. */
  floorOverBaseline: number;
  messages: number;
  rejected: number;
  /** maxRSS of the child process that ran only the import. */
  peakRssMb: number;
  baselinePeakRssMb: number;
}

export interface RecomputeResult {
  rows: number;
  partners: number;
  messages: number;
  recomputes: number;
  perPartner: number;
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

/** Row i: `partners` partners × 40 tenants × 25 months, one service per (tenant, month). */
function row(i: number, partners: number) {
  const month = MONTHS[i % 25] as string;
  const tenant = Math.floor(i / 25);
  return {
    partnerId: String(5_000_000 + (tenant % partners)),
    tenantId: `t-${tenant}`,
    month,
    service: SERVICES[tenant % SERVICES.length] as string,
    offer: 'standard',
    association: 'PAL',
    acrUsd: ((i * 7919) % 300_000) / 100,
    observedAt: '2026-11-20T06:00:00Z',
  };
}

/** Writes the file in pieces (the bench itself holds no whole file). */
async function writeExport(file: string, rows: number, format: 'csv' | 'ndjson', partners = 200): Promise<void> {
  const handle = await open(file, 'w');
  try {
    if (format === 'csv') await handle.write('partnerId,tenantId,month,service,offer,association,acrUsd,observedAt\n');
    for (let start = 0; start < rows; start += 10_000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + 10_000); i++) {
        const r = row(i, partners);
        lines.push(
          format === 'csv'
            ? `${r.partnerId},${r.tenantId},${r.month},${r.service},${r.offer},${r.association},${r.acrUsd},${r.observedAt}`
            : JSON.stringify({ ...r, kind: 'azure' }),
        );
      }
      await handle.write(lines.join('\n') + '\n');
    }
  } finally {
    await handle.close();
  }
}

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-child.ts');

/** One measurement in a fresh node process (tsx loader), its result on stdout's last line. */
async function inChild(mode: 'import' | 'baseline' | 'bare' | 'floor', file: string, format: 'csv' | 'ndjson'): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, mode, file, format], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

/** Best time of `n` runs (the machine is shared; the fastest run is the least disturbed); peak RSS the highest of them. */
async function best(n: number, run: () => Promise<ChildResult>): Promise<ChildResult> {
  const results: ChildResult[] = [];
  for (let i = 0; i < n; i++) results.push(await run());
  const fastest = results.reduce((a, c) => (c.ms < a.ms ? c : a));
  return { ...fastest, maxRssMb: Math.max(...results.map((r) => r.maxRssMb)) };
}

export async function importBench(rows: number, runs = 3): Promise<ImportResult[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-import-'));
  try {
    const out: ImportResult[] = [];
    for (const format of ['csv', 'ndjson'] as const) {
      const file = path.join(dir, `usage-azure-2026-11.${format}`);
      await writeExport(file, rows, format);
      const base = await best(runs, () => inChild('baseline', file, format));
      const imp = await best(runs, () => inChild('import', file, format));
      const floor = await best(runs, () => inChild('floor', file, format));
      if (imp.rejected > 0) throw new Error(`bench import rejected ${imp.rejected} row(s)`);
      const result: ImportResult = {
        format,
        rows,
        mb: imp.bytes / 1e6,
        importMs: imp.ms,
        baselineMs: base.ms,
        overBaseline: base.ms / imp.ms,
        floorOverBaseline: base.ms / floor.ms,
        messages: imp.messages,
        rejected: imp.rejected,
        peakRssMb: imp.maxRssMb,
        baselinePeakRssMb: base.maxRssMb,
      };
      if (format === 'csv') result.overBareSplit = (await best(runs, () => inChild('bare', file, format))).ms / imp.ms;
      out.push(result);
      await rm(file, { force: true });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Imports a `rows`-row file of 10 partners with an ETag and applies every message: recomputes per partner. */
export async function recomputeBench(rows: number, partners = 10): Promise<RecomputeResult> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-recompute-'));
  try {
    const file = path.join(dir, 'usage-azure-2026-11.csv');
    await writeExport(file, rows, 'csv', partners);
    const messages: PartnerChangeMessage[] = [];
    await importExport(createReadStream(file), {
      fileName: path.basename(file),
      etag: '"bench"',
      defaultObservedAt: '2026-11-20T06:00:00Z',
      send: async (m) => {
        messages.push(m);
      },
    });
    const store = new MemoryStore();
    const deps = { store, repos: store.repos, bus: { send: async () => {} }, clock: benchClock };
    const recomputed = new Map<string, number>();
    for (const m of messages) {
      const outcome = await applyPartnerChanges(deps, m);
      if (outcome.outcome !== 'applied') throw new Error(`bench message not applied: ${outcome.reason}`);
      if (outcome.recompute !== null) recomputed.set(m.partnerId, (recomputed.get(m.partnerId) ?? 0) + 1);
    }
    const recomputes = [...recomputed.values()].reduce((a, b) => a + b, 0);
    const seen = new Set(messages.map((m) => m.partnerId)).size;
    return { rows, partners: seen, messages: messages.length, recomputes, perPartner: recomputes / seen };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
