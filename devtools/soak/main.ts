// `npm run soak` (issue 11): the real local stack on free ports — stand-ins in this process (Azurite and
// Cosmos as children), the app's host as a child process of its own — with faults injected: a proxy in
// front of the Cosmos stand-in (429 + x-ms-retry-after-ms, connection resets before and after the
// stand-in answered) and a TCP proxy in front of the Service Bus stand-in whose connections are dropped a
// few times. Then 10,000 valid change events (deliveries of a few hundred, some repeated, shuffled) and
// 10,000 fuzzed bodies, signed, to POST /api/changes; a 503 (or a reset) is retried as a sender would.
// Waits for the queues to drain, reads the facts back from Cosmos, counts doubled mails, prints a table.
// SOAK_SCALE=0.05 for a quick run. Exit 0 when lost = 0, duplicated = 0 and 5xx (other than 503) = 0.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

import { CosmosClient } from '@azure/cosmos';
import type { ServiceBusClient } from '@azure/service-bus';
import Long from 'long';

import { createServiceBusClient } from '../../shared/adapters/servicebus/bus.js';
import { LOCAL_COSMOS_KEY, LOCAL_DEV_WEBHOOK_SECRET } from '../../shared/config/config.js';
import { QUEUES } from '../../shared/ports/messageBus.js';
import { signWebhook } from '../../shared/webhooks/standard-webhooks.js';
import { freePortStackEnv } from '../host/stack-env.js';
import { startStandIns } from '../standins/launcher.js';
import { loadLocalSettings } from '../standins/settings.js';
import { fuzzedBodies } from './fuzz.js';
import { cosmosFaultProxy, tcpResetProxy } from './proxy.js';
import { spawnHostChild } from './spawn-host.js';

const scale = Number(process.env.SOAK_SCALE ?? '1') || 1;
const VALID = Math.max(50, Math.round(10_000 * scale));
const FUZZ = Math.max(50, Math.round(10_000 * scale));
const PARTNERS = Math.max(10, Math.round(400 * scale));
const SB_DROPS = 4;
const t0 = Date.now();
const say = (line: string) => console.log(`[soak ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const partnerId = (p: number) => String(5_000_000 + p);
const tenantId = (i: number) => `soak-t-${i}`;

interface Stats {
  tried: number;
  accepted: number;
  refusedOk: number;
  refusedWrong: number; // valid refused, or fuzzed refused without a JSON error
  acceptedWrong: number; // fuzzed accepted
  fiveXX: number; // 5xx other than 503
  retried503: number;
  retried409: number;
  retriedNet: number;
  gaveUp: number;
}
const stats = (): Stats => ({
  tried: 0,
  accepted: 0,
  refusedOk: 0,
  refusedWrong: 0,
  acceptedWrong: 0,
  fiveXX: 0,
  retried503: 0,
  retried409: 0,
  retriedNet: 0,
  gaveUp: 0,
});

/**
 * A 409 "being processed by an earlier delivery" is retried later, as a sender's retry schedule would: the
 * earlier claim may be one whose answer never came back (the connection reset after the claim was written,
 * answered 503), which the app takes over once it is older than its claim timeout
 * (shared/webhooks/delivery.ts DELIVERY_CLAIM_TIMEOUT_MS, 5 min). Retried every 20 s outside the senders'
 * pools, for up to that timeout and 90 s more.
 */
const CLAIM_TAKEOVER_MS = 5 * 60_000;
const later: Promise<void>[] = [];
function retryLater(
  s: Stats,
  again: () => Promise<{ status: number; json: unknown; pending?: true } | undefined>,
  done: (r: { status: number; json: unknown }) => void,
): void {
  later.push(
    (async () => {
      const until = Date.now() + CLAIM_TAKEOVER_MS + 90_000;
      while (Date.now() < until) {
        await new Promise((r) => setTimeout(r, 20_000));
        const r = await again();
        if (!r) return; // gave up (counted)
        if (!r.pending) return done(r);
      }
      s.gaveUp++;
    })(),
  );
}

/** Posts one signed delivery, retrying 503s and connection failures with the same id, as a sender would. */
async function deliver(
  url: string,
  id: string,
  body: string | Uint8Array,
  s: Stats,
  first = true,
): Promise<{ status: number; json: unknown; pending?: true } | undefined> {
  if (first) s.tried++;
  for (let attempt = 0; attempt < 30; attempt++) {
    const headers = {
      'content-type': 'application/json',
      ...signWebhook({ id, timestamp: new Date(), body, secret: LOCAL_DEV_WEBHOOK_SECRET }),
    };
    let status: number;
    let raw: string;
    try {
      const res = await fetch(url, { method: 'POST', headers, body });
      status = res.status;
      raw = await res.text();
    } catch {
      s.retriedNet++;
      await new Promise((r) => setTimeout(r, 200 * Math.min(attempt + 1, 10)));
      continue;
    }
    if (status === 503) {
      s.retried503++;
      await new Promise((r) => setTimeout(r, 200 * Math.min(attempt + 1, 10)));
      continue;
    }
    if (status >= 500) s.fiveXX++;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    // The same id still being worked on (a repeat posted while the first is in flight): retry later for its answer.
    if (status === 409 && /being processed by an earlier delivery/.test(String((json as { error?: unknown } | undefined)?.error))) {
      s.retried409++;
      return { status, json, pending: true };
    }
    if (status >= 500) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    return { status, json };
  }
  s.gaveUp++;
  return undefined;
}

/** Minutes a queue may hold messages without its head moving before the drain gives up (SOAK_STALL_MINUTES). */
const STALL_MS = Number(process.env.SOAK_STALL_MINUTES ?? '5') * 60_000;

/**
 * Waits until `queue` is empty on two looks in a row (peek sees active, locked and scheduled messages).
 * No fixed cap: it gives up only when the oldest message (the head's sequence number) has not moved
 * for STALL_MS — a stuck queue, not a slow one. Reports the head every minute.
 */
async function drainQueue(client: ServiceBusClient, queue: string): Promise<void> {
  const receiver = client.createReceiver(queue, { receiveMode: 'peekLock' });
  let head: string | undefined;
  let movedAt = Date.now();
  let reportedAt = Date.now();
  let emptyLooks = 0;
  try {
    while (emptyLooks < 2) {
      const [first] = await receiver.peekMessages(1, { fromSequenceNumber: Long.ZERO });
      emptyLooks = first ? 0 : emptyLooks + 1;
      const seq = first?.sequenceNumber?.toString();
      if (seq !== head) {
        head = seq;
        movedAt = Date.now();
      }
      if (first && Date.now() - movedAt > STALL_MS)
        throw new Error(`the ${queue} queue did not move for ${STALL_MS / 60_000} min (head: sequence ${seq}, message ${first.messageId})`);
      if (first && Date.now() - reportedAt > 60_000) {
        reportedAt = Date.now();
        say(`draining ${queue}: oldest message is sequence ${seq}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await receiver.close().catch(() => {});
  }
}

async function pool<T>(items: T[], width: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function peakRssMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'dt-soak-'));
  const mailDir = path.join(tmp, 'mail');
  const env = freePortStackEnv(process.env, mailDir, {}, ['LOCAL_TODAY']);
  const local = loadLocalSettings(env);
  const stack = await startStandIns({
    env,
    local,
    only: { azurite: true, cosmos: true, serviceBus: true, smtp: true },
    dataDir: path.join(tmp, 'data'),
  });
  const cleanups: Array<() => Promise<unknown>> = [() => stack.stop(), () => rm(tmp, { recursive: true, force: true })];
  let hostPid: number | undefined;
  try {
    const cosmosUrl = new URL(stack.settings.COSMOS_ENDPOINT!);
    const cosmosProxy = await cosmosFaultProxy({
      upstreamHost: cosmosUrl.hostname,
      upstreamPort: Number(cosmosUrl.port),
      p429: 0.03,
      pResetBefore: 0.004,
      pResetAfter: 0.004,
      retryAfterMs: 40,
    });
    cleanups.unshift(() => cosmosProxy.close());
    const sbMatch = /Endpoint=sb:\/\/([^:;/]+):(\d+)/.exec(stack.settings.ServiceBusConnection!)!;
    const sbProxy = await tcpResetProxy(sbMatch[1]!, Number(sbMatch[2]));
    cleanups.unshift(() => sbProxy.close());
    say(
      `stand-ins up; Cosmos ${cosmosUrl.port} behind fault proxy ${cosmosProxy.port}, Service Bus ${sbMatch[2]} behind reset proxy ${sbProxy.port}`,
    );

    const hostEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...env, ...stack.settings })) if (v !== undefined) hostEnv[k] = v;
    Object.assign(hostEnv, {
      COSMOS_ENDPOINT: `https://127.0.0.1:${cosmosProxy.port}`,
      ServiceBusConnection: stack.settings.ServiceBusConnection!.replace(`:${sbMatch[2]}`, `:${sbProxy.port}`),
      MAIL_SETTLE_SECONDS: '0',
      WEBHOOK_SECRETS: LOCAL_DEV_WEBHOOK_SECRET,
    });
    const host = await spawnHostChild({
      env: hostEnv,
      logPath: path.join(os.tmpdir(), `dt-soak-host-${process.pid}.log`),
      cpuProfileDir: process.env.SOAK_HOST_CPU_PROF, // a directory: the host writes a CPU profile there
    });
    cleanups.unshift(() => host.stop());
    hostPid = host.child.pid;
    const ready = host.url;
    const url = `${ready}/api/changes`;
    say(`host pid ${hostPid} at ${ready} (log ${path.join(os.tmpdir(), `dt-soak-host-${process.pid}.log`)})`);

    // Valid events: one association per tenant, over PARTNERS partners, in deliveries of 150–400.
    const observedAt = new Date().toISOString();
    const events = Array.from({ length: VALID }, (_, i) => ({
      fact: 'association',
      partnerId: partnerId(i % PARTNERS),
      tenantId: tenantId(i),
      type: 'CSP_T1',
      from: '2025-01-01',
      observedAt,
    }));
    shuffle(events);
    const deliveries: Array<{ id: string; body: string; idx: number[] }> = [];
    for (let at = 0; at < events.length;) {
      const n = 150 + Math.floor(Math.random() * 251);
      const part = events.slice(at, at + n);
      deliveries.push({ id: `soak-${randomUUID()}`, body: JSON.stringify(part), idx: part.map((e) => Number(e.tenantId.slice(7))) });
      at += n;
    }
    // Some deliveries repeated: the same id (a retry), or a fresh id with the same content (sent again).
    const posts = [...deliveries];
    for (const d of deliveries) if (Math.random() < 0.15) posts.push(Math.random() < 0.5 ? d : { ...d, id: `soak-${randomUUID()}` });
    shuffle(posts);
    const fuzz = fuzzedBodies(FUZZ);
    say(
      `${events.length} valid events in ${deliveries.length} deliveries (${posts.length} posts with repeats), ${fuzz.length} fuzzed bodies`,
    );

    // CPU per process by phase: where the time goes (the host, the Cosmos stand-in, this process's stand-ins).
    const pids = { host: hostPid, cosmos: stack.childPids(), standIns: process.pid };
    const cpuNow = () => ({
      host: cpuSeconds(pids.host),
      cosmosAndAzurite: pids.cosmos.reduce((a, p) => a + cpuSeconds(p), 0),
      serviceBusSmtpAndSoak: cpuSeconds(pids.standIns),
    });
    const cpuDelta = (a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>) =>
      Object.entries(b)
        .map(([k, v]) => `${k} ${(v - a[k as keyof typeof a]).toFixed(1)} s`)
        .join(', ');
    const cpuAtPush = cpuNow();
    const valid = stats();
    const bad = stats();
    const acceptedTenants = new Set<number>();
    const pushStart = Date.now();
    // Service Bus drops spread over the push phase.
    let pushing = true;
    const drops = (async () => {
      const est = Math.max(4_000, FUZZ * 30); // about the push phase's length
      for (let k = 0; k < SB_DROPS && pushing; k++) {
        await new Promise((r) => setTimeout(r, est / (SB_DROPS + 1)));
        say(`dropping Service Bus connections: ${sbProxy.resetAll()}`);
      }
    })();
    await Promise.all([
      pool(posts, 4, async (d) => {
        const done = (r: { status: number }) => {
          if (r.status >= 200 && r.status < 300) {
            valid.accepted++;
            for (const i of d.idx) acceptedTenants.add(i);
          } else valid.refusedWrong++;
        };
        const r = await deliver(url, d.id, d.body, valid);
        if (r?.pending) retryLater(valid, () => deliver(url, d.id, d.body, valid, false), done);
        else if (r) done(r);
      }),
      pool(fuzz, 16, async (bytes) => {
        let body: string | Uint8Array = new Uint8Array(bytes);
        try {
          body = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
        } catch {
          /* bytes */
        }
        const done = (r: { status: number; json: unknown }) => {
          if (r.status >= 200 && r.status < 300) bad.acceptedWrong++;
          else if (r.status >= 400 && r.status < 500 && typeof (r.json as { error?: unknown } | undefined)?.error === 'string')
            bad.refusedOk++;
          else bad.refusedWrong++;
        };
        const id = `soak-fuzz-${randomUUID()}`;
        const r = await deliver(url, id, body, bad);
        if (r?.pending) retryLater(bad, () => deliver(url, id, body, bad, false), done);
        else if (r) done(r);
      }),
    ]);
    if (later.length > 0) {
      say(`${later.length} deliveries answered 409 (an earlier claim of their id in flight): retrying them every 20 s`);
      await Promise.all(later);
    }
    pushing = false;
    await drops;
    const pushMs = Date.now() - pushStart;
    const cpuAtDrain = cpuNow();
    say(`pushed in ${(pushMs / 1000).toFixed(1)} s (CPU: ${cpuDelta(cpuAtPush, cpuAtDrain)}); waiting for the queues to drain`);
    const drainStart = Date.now();

    // Drain: straight to the stand-in, not through the reset proxy.
    const sb = createServiceBusClient(stack.settings.ServiceBusConnection!);
    try {
      for (let round = 0; round < 2; round++) for (const q of Object.values(QUEUES)) await drainQueue(sb, q);
    } finally {
      await sb.close();
    }
    const drainMs = Date.now() - drainStart;
    const cpuDrained = cpuNow();
    say(`drained in ${(drainMs / 1000).toFixed(1)} s (CPU: ${cpuDelta(cpuAtDrain, cpuDrained)})`);
    cosmosProxy.faultsOn(false);

    // Read the facts back from the stand-in directly.
    const cosmos = new CosmosClient({
      endpoint: stack.settings.COSMOS_ENDPOINT!,
      key: LOCAL_COSMOS_KEY,
      agent: new https.Agent({ rejectUnauthorized: false }),
    });
    const partners = cosmos.database(hostEnv.COSMOS_DATABASE ?? 'designation-tracker').container('partners');
    let lost = 0;
    let doubledFacts = 0;
    let wrongPartner = 0;
    const settleUntil = Date.now() + 120_000;
    for (;;) {
      const { resources } = await partners.items
        .query<{ tenantId: string; partnerId: string; associations?: Record<string, unknown> }>(
          "SELECT c.tenantId, c.partnerId, c.associations FROM c WHERE STARTSWITH(c.tenantId, 'soak-t-')",
        )
        .fetchAll();
      const byTenant = new Map<string, number>();
      doubledFacts = 0;
      wrongPartner = 0;
      for (const r of resources) {
        byTenant.set(r.tenantId, (byTenant.get(r.tenantId) ?? 0) + 1);
        if (Object.keys(r.associations ?? {}).length !== 1) doubledFacts++;
        if (r.partnerId !== partnerId(Number(r.tenantId.slice(7)) % PARTNERS)) wrongPartner++;
      }
      for (const n of byTenant.values()) if (n > 1) doubledFacts += n - 1;
      lost = [...acceptedTenants].filter((i) => !byTenant.has(tenantId(i))).length;
      if (lost === 0 || Date.now() > settleUntil) break;
      await new Promise((r) => setTimeout(r, 2_000));
    }

    // Mails: each idempotency key once (wait until the sink's count is stable).
    let keys: string[] = [];
    for (let seen = -1; ;) {
      const files = (await readdir(mailDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
      if (files.length === seen) {
        keys = [];
        for (const f of files) {
          const head = (await readFile(path.join(mailDir, f), 'latin1')).slice(0, 16_384);
          keys.push(/^x-idempotency-key:\s*(.+?)\r?$/im.exec(head)?.[1] ?? `(none: ${f})`);
        }
        break;
      }
      seen = files.length;
      await new Promise((r) => setTimeout(r, 3_000));
    }
    const doubledMails = keys.length - new Set(keys).size;
    const rss = hostPid ? peakRssMb(hostPid) : undefined;
    const elapsed = (Date.now() - t0) / 1000;

    const rows: Array<[string, string | number, string | number]> = [
      ['tried (posts, incl. repeats)', valid.tried, bad.tried],
      ['events in them (distinct)', VALID, '-'],
      ['accepted (2xx)', valid.accepted, bad.acceptedWrong],
      ['refused correctly (4xx JSON error)', '-', bad.refusedOk],
      ['refused wrongly', valid.refusedWrong, bad.refusedWrong],
      ['5xx (not 503)', valid.fiveXX, bad.fiveXX],
      ['503 retried by the sender', valid.retried503, bad.retried503],
      ['409 (id claimed by an earlier try) retried later', valid.retried409, bad.retried409],
      ['connection failures retried', valid.retriedNet, bad.retriedNet],
      ['gave up after 30 tries', valid.gaveUp, bad.gaveUp],
      ['lost (accepted, not in Cosmos)', lost, '-'],
      ['duplicated facts (doc twice / >1 association)', doubledFacts, '-'],
      ['facts on the wrong partner', wrongPartner, '-'],
      ['mails / doubled by idempotency key', `${keys.length} / ${doubledMails}`, '-'],
    ];
    console.log(`\nSoak (SOAK_SCALE=${scale}): ${VALID} valid events over ${PARTNERS} partners, ${FUZZ} fuzzed bodies`);
    console.log(`${'measure'.padEnd(48)}${'valid'.padStart(10)}${'fuzzed'.padStart(10)}`);
    for (const [name, a, b] of rows) console.log(`${name.padEnd(48)}${String(a).padStart(10)}${String(b).padStart(10)}`);
    console.log(
      `Faults injected: Cosmos ${cosmosProxy.counts.requests} requests, ${cosmosProxy.counts.throttled} answered 429, ${cosmosProxy.counts.resetBefore} reset before / ${cosmosProxy.counts.resetAfter} after forwarding; Service Bus connections dropped ${sbProxy.resets()} (${SB_DROPS} times)`,
    );
    console.log(`Peak RSS of the host process: ${rss ?? '?'} MB`);
    console.log(
      `Elapsed: ${elapsed.toFixed(1)} s (push ${(pushMs / 1000).toFixed(1)} s, drain after the push ${(drainMs / 1000).toFixed(1)} s)`,
    );
    console.log(`CPU: push ${cpuDelta(cpuAtPush, cpuAtDrain)}; drain ${cpuDelta(cpuAtDrain, cpuDrained)}`);
    const ok =
      lost === 0 &&
      doubledFacts === 0 &&
      wrongPartner === 0 &&
      doubledMails === 0 &&
      valid.fiveXX + bad.fiveXX === 0 &&
      valid.gaveUp + bad.gaveUp === 0 &&
      valid.refusedWrong + bad.refusedWrong + bad.acceptedWrong === 0;
    console.log(ok ? 'SOAK OK' : 'SOAK FAILED');
    return ok ? 0 : 1;
  } finally {
    for (const c of cleanups) await c().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(2);
  },
);
