// Change → mail on the local stack (issue 15, bursts): the stand-ins on free ports (Azurite, Cosmos,
// Service Bus, SMTP sink) in this process and the app's host as a child process (devtools/soak/host-child.ts,
// host.json's Service Bus concurrency, MAIL_SETTLE_SECONDS=0, mail on). Seeds N + ONE_AT_A_TIME copies of
// the sample partner Northwind (4100003, just below 70 in Business Applications) through POST /api/changes,
// waits until they are scored and their first mails are in, then posts the demo's lifting change
// (samples/changes/lift-4100003.json: one more advanced certification) for each copy: first one at a time
// (each waits for its mail), then N at once. Latency: from the POST of a partner's change to its
// "qualified" mail appearing in the sink's directory.
//
// `npm run bench` runs it after the in-process figures (BENCH_STACK=0 skips it); alone:
// `npx tsx bench/stack-burst.ts` (BENCH_BURST_PARTNERS=100, BENCH_HOST_CPU_PROF=<dir> profiles the host).
import { readFileSync, watch } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { waitForQueueToDrain } from '../devtools/host/admin.js';
import { SAMPLE_EXPORTS_DIR, SAMPLES_DAY } from '../devtools/host/samples.js';
import { freePortStackEnv } from '../devtools/host/stack-env.js';
import { spawnHostChild } from '../devtools/soak/spawn-host.js';
import { startStandIns } from '../devtools/standins/launcher.js';
import { loadLocalSettings } from '../devtools/standins/settings.js';
import { createCosmosClient } from '../shared/adapters/cosmos/client.js';
import { createServiceBusClient } from '../shared/adapters/servicebus/bus.js';
import { LOCAL_DEV_WEBHOOK_SECRET } from '../shared/config/config.js';
import type { ChangeEvent } from '../shared/domain/changes/events.js';
import { parseExportStream } from '../shared/imports/parse.js';
import { pushChanges } from '../shared/ingestion/push-client.js';
import { QUEUES } from '../shared/ports/messageBus.js';

const root = path.resolve(import.meta.dirname, '..');
const SAMPLE_PARTNER = '4100003';

export interface StackBurstResult {
  partners: number;
  oneAtATime: { count: number; p50Ms: number; p95Ms: number };
  burst: {
    count: number;
    p50Ms: number;
    p95Ms: number;
    maxMs: number;
    wallMs: number;
    mails: number;
    retried503: number;
    /** CPU seconds each process used during the burst (host, the bench's own process with the in-process stand-ins, the children by name). */
    cpuSeconds: Record<string, number>;
    /** Requests the Cosmos stand-in served per change during the burst, and query plans (the SDK asks one beside every query). */
    cosmosRequestsPerChange: number;
    cosmosQueryPlansPerChange: number;
  };
  /** What one Cosmos request costs through the real SDK on this machine, apart from our code (sdkFloor). */
  cosmosSdk: CosmosSdkCost;
  maxConcurrentCalls: number;
}

export interface CosmosSdkCost {
  requests: number;
  /** CPU ms per request in the client (the SDK, HTTP, TLS) and in the stand-in. */
  clientCpuMs: number;
  standInCpuMs: number;
}

/**
 * The SDK's own cost per request, apart from our code: point reads and upserts of a 4 KB document (the
 * size of a hot state) through @azure/cosmos, 16 at a time, against the same stand-in — the CPU of this
 * process (its stand-ins idle meanwhile) and of the stand-in's.
 */
async function cosmosSdkCost(settings: Record<string, string>, standInPid: number, requests = 800): Promise<CosmosSdkCost> {
  const client = createCosmosClient({
    COSMOS_ALLOW_SELF_SIGNED: true,
    connections: { cosmos: { endpoint: settings.COSMOS_ENDPOINT!, auth: 'key', key: settings.COSMOS_KEY! } },
  });
  try {
    const { database } = await client.databases.createIfNotExists({ id: 'bench-sdk-cost' });
    const { container } = await database.containers.createIfNotExists({ id: 'docs', partitionKey: { paths: ['/pk'] } });
    const doc = { id: 'hot', pk: 'p', body: 'x'.repeat(4_000) };
    await container.items.upsert(doc);
    const op = (i: number) => (i % 2 ? container.item('hot', 'p').read() : container.items.upsert({ ...doc, id: `w${i % 32}` }));
    for (let i = 0; i < 64; i++) await op(i); // warm: connections, caches
    const cpu0 = process.cpuUsage();
    const server0 = cpuSeconds(standInPid);
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < requests) await op(next++);
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    return {
      requests,
      clientCpuMs: (cpu.user + cpu.system) / 1000 / requests,
      standInCpuMs: ((cpuSeconds(standInPid) - server0) * 1000) / requests,
    };
  } finally {
    client.dispose();
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The sample partner's change events (every sample export), with `partnerId` swapped for `to`. */
async function samplePartnerEvents(): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  for (const name of (await readdir(SAMPLE_EXPORTS_DIR)).filter((f) => /\.(csv|ndjson)$/i.test(f)).sort()) {
    const text = await readFile(path.join(SAMPLE_EXPORTS_DIR, name), 'utf8');
    for await (const item of parseExportStream([text], { fileName: name, defaultObservedAt: `${SAMPLES_DAY}T06:00:00Z` }))
      if ('change' in item && item.change.partnerId === SAMPLE_PARTNER) events.push(item.change);
  }
  return events;
}

const retarget = <T extends { partnerId: string }>(events: readonly T[], partnerId: string): T[] =>
  events.map((e) => ({ ...e, partnerId }));

export async function stackBurst(partners = 100, oneAtATime = 10, log: (line: string) => void = () => {}): Promise<StackBurstResult> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'dt-burst-'));
  const mailDir = path.join(tmp, 'mail');
  const env = freePortStackEnv(process.env, mailDir);
  const stack = await startStandIns({
    env,
    local: loadLocalSettings(env),
    only: { azurite: true, cosmos: true, serviceBus: true, smtp: true },
    // As `npm start` runs them: persisted (fsynced journals); BENCH_STACK_PERSIST=0 keeps them in memory.
    ...(process.env.BENCH_STACK_PERSIST === '0' ? {} : { dataDir: path.join(tmp, 'data') }),
  });
  const cleanups: Array<() => Promise<unknown>> = [() => stack.stop(), () => rm(tmp, { recursive: true, force: true })];
  try {
    const hostEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...env, ...stack.settings })) if (v !== undefined) hostEnv[k] = v;
    Object.assign(hostEnv, {
      MAIL_SETTLE_SECONDS: '0',
      WEBHOOK_SECRETS: LOCAL_DEV_WEBHOOK_SECRET,
      LOCAL_TODAY: SAMPLES_DAY,
      // Far-off schedules: nothing but the burst runs.
      IMPORT_SCHEDULE: '0 0 0 1 1 *',
      NIGHTLY_RECOMPUTE_SCHEDULE: '0 0 0 1 1 *',
    });
    const logPath = path.join(os.tmpdir(), `dt-burst-host-${process.pid}.log`);
    const host = await spawnHostChild({ env: hostEnv, logPath, cpuProfileDir: process.env.BENCH_HOST_CPU_PROF });
    cleanups.unshift(() => host.stop());
    const { child } = host;
    const ready = host.url;
    const url = `${ready}/api/changes`;
    log(`host pid ${child.pid} at ${ready} (log ${logPath})`);

    // Mails as they land: the first arrival time of each partner's "qualified" businessApplications mail.
    const mailAt = new Map<string, number>();
    const firstSeen = new Map<string, number>();
    const parsed = new Set<string>();
    let mails = 0;
    // A file is seen when created (time taken then); its header may not be written yet: read it again later.
    const look = async (file: string) => {
      if (!file.endsWith('.eml') || parsed.has(file)) return;
      if (!firstSeen.has(file)) firstSeen.set(file, performance.now());
      const head = (await readFile(path.join(mailDir, file), 'latin1').catch(() => '')).slice(0, 16_384);
      const key = /^x-idempotency-key:\s*(.+?)\r?$/im.exec(head)?.[1];
      if (!key || parsed.has(file)) return;
      parsed.add(file);
      mails++;
      const [partnerId, area, kind] = key.split(':');
      if (partnerId && area === 'businessApplications' && kind === 'qualified' && !mailAt.has(partnerId))
        mailAt.set(partnerId, firstSeen.get(file)!);
    };
    const watcher = watch(mailDir, (_event, file) => void (file ? look(String(file)) : undefined));
    const rescan = setInterval(() => {
      void readdir(mailDir).then(
        (files) => Promise.all(files.map(look)),
        () => undefined,
      );
    }, 100);
    cleanups.unshift(async () => clearInterval(rescan));
    cleanups.unshift(async () => watcher.close());

    // Seed: the sample partner's facts for every copy, one delivery per copy.
    const sample = await samplePartnerEvents();
    const lift = JSON.parse(await readFile(path.join(root, 'samples/changes/lift-4100003.json'), 'utf8')) as Array<{ partnerId: string }>;
    const ids = Array.from({ length: partners + oneAtATime }, (_, i) => String(7_100_000 + i));
    log(`seeding ${ids.length} copies of ${SAMPLE_PARTNER} (${sample.length} events each)`);
    const seedAt = Date.now();
    for (let i = 0; i < ids.length; i += 8)
      await Promise.all(
        ids.slice(i, i + 8).map(async (id) => {
          const r = await pushChanges(url, retarget(sample, id), LOCAL_DEV_WEBHOOK_SECRET);
          if (r.status !== 202) throw new Error(`seeding ${id}: ${r.status} ${JSON.stringify(r.body)}`);
        }),
      );
    const sb = createServiceBusClient(stack.settings.ServiceBusConnection!);
    try {
      for (let round = 0; round < 2; round++) for (const q of Object.values(QUEUES)) await waitForQueueToDrain(sb, q, 600_000, 200);
    } finally {
      await sb.close();
    }
    // Let the seeding's own mails land (the count stable for a second).
    for (let last = -1; last !== mails;) {
      last = mails;
      await sleep(1_000);
    }
    log(`seeded in ${((Date.now() - seedAt) / 1000).toFixed(1)} s; ${mails} mail(s) from seeding`);
    mailAt.clear();

    let retried503 = 0;
    const post = async (id: string) => {
      const t = performance.now();
      // A 503 (a dependency's connection reset) is retried with the same delivery id, as a sender does.
      for (let attempt = 1; ; attempt++) {
        const r = await pushChanges(url, retarget(lift, id), LOCAL_DEV_WEBHOOK_SECRET);
        if (r.status === 202) return t;
        if (r.status !== 503 || attempt >= 5) throw new Error(`lift ${id}: ${r.status} ${JSON.stringify(r.body)}`);
        retried503++;
        await sleep(50 * attempt);
      }
    };
    const waitMail = async (ids: readonly string[], timeoutMs: number) => {
      const until = Date.now() + timeoutMs;
      while (ids.some((id) => !mailAt.has(id))) {
        if (Date.now() > until)
          throw new Error(`no qualified mail within ${timeoutMs} ms for ${ids.filter((id) => !mailAt.has(id)).length} partner(s)`);
        await sleep(2);
      }
    };

    // One at a time.
    const single: number[] = [];
    for (const id of ids.slice(partners)) {
      const t = await post(id);
      await waitMail([id], 30_000);
      single.push(mailAt.get(id)! - t);
    }
    single.sort((a, b) => a - b);
    log(`one at a time: ${single.map((v) => v.toFixed(0)).join(', ')} ms`);

    // The burst: every partner's change posted at once.
    const burstIds = ids.slice(0, partners);
    const mailsBefore = mails;
    const pids: Record<string, number> = {
      host: child.pid!,
      bench: process.pid, // the Service Bus stand-in, the SMTP sink and the mail watcher
      ...Object.fromEntries(stack.started.filter((s) => s.pid !== undefined).map((s) => [s.name, s.pid!])),
    };
    const requestsBefore = await stack.cosmosRequestCount!();
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuSeconds(p)]));
    const t0 = performance.now();
    const started = await Promise.all(burstIds.map((id) => post(id)));
    await waitMail(burstIds, 120_000);
    const wallMs = Math.max(...burstIds.map((id) => mailAt.get(id)!)) - t0;
    const latencies = burstIds.map((id, i) => mailAt.get(id)! - started[i]!).sort((a, b) => a - b);
    const cpu = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, Math.round((cpuSeconds(p) - cpuBefore[k]!) * 100) / 100]));
    const requestsAfter = await stack.cosmosRequestCount!();
    const cosmosSdk = await cosmosSdkCost(stack.settings, pids.cosmos ?? 0);
    log(`CPU seconds during the burst (wall ${(wallMs / 1000).toFixed(1)} s): ${JSON.stringify(cpu)} (pids ${JSON.stringify(pids)})`);
    const { readMaxConcurrentCalls } = await import('../devtools/host/servicebus.js');
    return {
      partners,
      oneAtATime: { count: single.length, p50Ms: percentile(single, 50), p95Ms: percentile(single, 95) },
      burst: {
        count: latencies.length,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        maxMs: latencies[latencies.length - 1] ?? NaN,
        wallMs,
        mails: mails - mailsBefore,
        retried503,
        cpuSeconds: cpu,
        cosmosRequestsPerChange: (requestsAfter.requests - requestsBefore.requests) / partners,
        cosmosQueryPlansPerChange: (requestsAfter.queryPlans - requestsBefore.queryPlans) / partners,
      },
      cosmosSdk,
      maxConcurrentCalls: readMaxConcurrentCalls(),
    };
  } finally {
    for (const c of cleanups) await c().catch(() => {});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.env.BENCH_BURST_PARTNERS ?? '100');
  const r = await stackBurst(n, 10, (line) => console.error(`stack-burst: ${line}`));
  console.log(JSON.stringify(r));
}
