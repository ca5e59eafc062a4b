// One import measurement in a process of its own (bench/imports.ts): `import` runs importExport over
// the file to a bus that drops the messages; `baseline` reads the whole file, splits it into lines and
// parses each (JSON.parse; CSV: split(',') and an object keyed by the header); `bare` (CSV) only splits;
// `floor`: the least any importer with content-addressed message ids does (floorImport).
// Prints one JSON line: time, messages, rejected rows, bytes, and process.resourceUsage().maxRSS.
import { createHash } from 'node:crypto';
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

/**
 * The floor under the import, for the bench's file only (azure usage rows, ids and names plain): the
 * file streamed and split, each row made the change the import makes (no validation, no error path,
 * no report), held per partner until 500 (past 5,000 held in all, the fullest sent early, as the
 * import does), and each batch's id one SHA-256 over its changes' JSON — what content-addressed
 * message ids cost (the same changes give the same ids whatever the file's formatting). What the
 * import does beyond this is validation, sizes and bookkeeping.
 */
async function floorImport(file: string, format: string): Promise<{ ms: number; messages: number }> {
  const t0 = performance.now();
  const batches = new Map<string, Record<string, unknown>[]>();
  let messages = 0;
  let buffered = 0;
  const flush = (partnerId: string, changes: Record<string, unknown>[]) => {
    batches.delete(partnerId);
    buffered -= changes.length;
    const texts = changes.map(
      (c) =>
        `{"fact":"usage","partnerId":"${c.partnerId}","observedAt":"${c.observedAt}","deleted":false,"tenantId":"${c.tenantId}","month":"${c.month}","association":"${c.association}","cporActivity":null,"kind":"azure","service":"${c.service}","offer":"${c.offer}","acrUsd":${c.acrUsd}}`,
    );
    createHash('sha256')
      .update(`"${partnerId}"\n${texts.join('\n')}\n`, 'latin1')
      .digest('hex');
    messages++;
  };
  let lastTime = { text: '', iso: '' };
  const iso = (text: string) => (text === lastTime.text ? lastTime.iso : (lastTime = { text, iso: new Date(text).toISOString() }).iso);
  /** The change from the row's values in the bench file's column order (CSV cells, or an NDJSON object's values). */
  const add = (v: readonly (string | number | undefined)[]) => {
    const change = {
      fact: 'usage',
      partnerId: String(v[0]),
      observedAt: iso(String(v[7])),
      deleted: false,
      tenantId: String(v[1]),
      month: String(v[2]),
      association: String(v[5]),
      cporActivity: null,
      kind: 'azure',
      service: String(v[3]),
      offer: String(v[4]),
      acrUsd: Number(v[6]),
    };
    let batch = batches.get(change.partnerId);
    if (!batch) batches.set(change.partnerId, (batch = []));
    batch.push(change);
    buffered++;
    if (batch.length >= 500) flush(change.partnerId, batch);
    else if (buffered > 5000) {
      // Bounded memory, as the import: the fullest buffer goes early.
      let fullest: [string, Record<string, unknown>[]] | undefined;
      for (const entry of batches) if (!fullest || entry[1].length > fullest[1].length) fullest = entry;
      if (fullest) flush(...fullest);
    }
  };
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let header = format === 'ndjson';
  const line = (text: string) => {
    if (!text) return;
    if (format === 'ndjson') return add(Object.values(JSON.parse(text) as Record<string, string | number>));
    if (header) return add(text.split(','));
    header = true; // the bench file's header: partnerId,tenantId,month,service,offer,association,acrUsd,observedAt
  };
  for await (const chunk of createReadStream(file)) {
    const text = rest + decoder.decode(chunk as Buffer, { stream: true });
    const last = text.lastIndexOf('\n');
    rest = text.slice(last + 1);
    for (const l of text.slice(0, last).split('\n')) line(l);
  }
  line(rest + decoder.decode());
  for (const [partnerId, changes] of batches) flush(partnerId, changes);
  return { ms: performance.now() - t0, messages };
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
  } else if (mode === 'floor') {
    ({ ms, messages } = await floorImport(file, format));
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
