// The real `npm start` stack on free ports and a temp data directory, killed with SIGKILL (the host and
// its child stand-ins, all at once) in the middle of a batch of signed changes, then started again on the
// same data: every change that got a 202 is applied exactly once, no mail is sent twice, the samples are
// not loaded again; and a SIGKILL of the host alone leaves no stand-in behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

import { CosmosClient } from '@azure/cosmos';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';

import { freePortStackEnv } from '../../../devtools/host/stack-env.js';
import { LOCAL_COSMOS_KEY, LOCAL_DEV_WEBHOOK_SECRET } from '../../../shared/config/config.js';
import type { CustomerDoc } from '../../../shared/domain/changes/docs.js';
import { decodeFactDoc } from '../../../shared/pipeline/fact-docs.js';
import { signWebhook } from '../../../shared/webhooks/standard-webhooks.js';
import { waitFor } from '../helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');
const PARTNERS = ['4100001', '4100002', '4100004', '4100005', '4100006'];
const CHANGES = 30;
const KILL_AFTER = 12;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    /* gone */
  }
}

interface Running {
  child: ChildProcess;
  output: () => string;
  base: string;
  cosmosEndpoint: string;
  standInPids: number[];
}

async function startStack(env: NodeJS.ProcessEnv): Promise<Running> {
  // detached: npm, tsx and the host get a process group of their own (the stand-ins have theirs).
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const health = await waitFor(
    'the ready line of npm start',
    async () => {
      if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
      return /health: (http:\/\/\S+)\/api\/health/.exec(output)?.[1];
    },
    150_000,
    200,
  );
  const cosmosEndpoint = /cosmos\s+pid \d+\s+(https:\/\/\S+)/.exec(output)?.[1];
  if (!cosmosEndpoint) throw new Error(`no Cosmos endpoint in:\n${output}`);
  return {
    child,
    output: () => output,
    base: health.replace('localhost', '127.0.0.1'),
    cosmosEndpoint,
    standInPids: [...output.matchAll(/pid (\d+)/g)].map((m) => Number(m[1])),
  };
}

function changeFor(i: number) {
  return [
    {
      fact: 'association',
      partnerId: PARTNERS[i % PARTNERS.length],
      tenantId: `kill-t-${i}`,
      type: 'CSP_T1',
      from: '2025-01-01',
      observedAt: new Date().toISOString(),
    },
  ];
}

async function post(base: string, i: number): Promise<number> {
  const body = JSON.stringify(changeFor(i));
  const res = await fetch(`${base}/api/changes`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signWebhook({ id: `kill-${i}`, timestamp: new Date(), body, secret: LOCAL_DEV_WEBHOOK_SECRET }),
    },
    body,
  });
  await res.text();
  return res.status;
}

async function mailKeys(dir: string): Promise<string[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  const keys: string[] = [];
  for (const f of files)
    keys.push(String((await simpleParser(await readFile(path.join(dir, f)))).headers.get('x-idempotency-key') ?? `(none: ${f})`));
  return keys;
}

describe('npm start on kept data', () => {
  it('a SIGKILL of the whole stack mid-batch loses no accepted change and sends no mail twice', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'dt-kill-'));
    const mailDir = path.join(tmp, 'mail');
    const env = freePortStackEnv(
      process.env,
      mailDir,
      {
        LOCAL_DATA_DIR: path.join(tmp, 'data'),
        WEBHOOK_SECRETS: LOCAL_DEV_WEBHOOK_SECRET,
        // Mails of the sample import are still waiting (scheduled) when the stack is killed.
        MAIL_SETTLE_SECONDS: '2',
      },
      ['LOCAL_TODAY'],
    );
    const groups = new Set<number>();
    try {
      const first = await startStack(env);
      groups.add(first.child.pid!);
      for (const pid of first.standInPids) groups.add(pid);
      expect(first.output()).toMatch(/Samples: uploaded/);

      // Three senders in parallel; the whole stack dies once KILL_AFTER changes were accepted.
      const accepted: number[] = [];
      let next = 0;
      let killed = false;
      const killAll = () => {
        if (killed) return;
        killed = true;
        killGroup(first.child.pid!);
        for (const pid of first.standInPids) killGroup(pid);
      };
      await Promise.all(
        [0, 1, 2].map(async () => {
          while (!killed && next < CHANGES) {
            const i = next++;
            const status = await post(first.base, i).catch(() => 0);
            if (status === 202) accepted.push(i);
            else if (!killed) throw new Error(`change ${i}: ${status}\n${first.output()}`);
            if (accepted.length >= KILL_AFTER) killAll();
          }
        }),
      );
      killAll();
      expect(accepted.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(accepted.length).toBeLessThan(CHANGES);
      await waitFor(
        'the killed stack to be gone',
        async () => first.standInPids.every((p) => !alive(p)) && !alive(first.child.pid!),
        15_000,
      );

      const second = await startStack(env);
      groups.add(second.child.pid!);
      for (const pid of second.standInPids) groups.add(pid);
      expect(second.output()).toMatch(/Samples: not loaded/);
      expect(second.output()).not.toMatch(/importExports: .* row\(s\)/);

      // Every accepted change is applied: its customer document holds exactly that one association.
      const cosmos = new CosmosClient({
        endpoint: second.cosmosEndpoint,
        key: LOCAL_COSMOS_KEY,
        agent: new https.Agent({ rejectUnauthorized: false }),
      });
      const partners = cosmos.database('designation-tracker').container('partners');
      const applied = await waitFor(
        'every accepted change in Cosmos',
        async () => {
          const { resources } = await partners.items
            .query<CustomerDoc>("SELECT * FROM c WHERE STARTSWITH(c.tenantId, 'kill-t-')")
            .fetchAll();
          // As the pipeline stores them: the associations packed (shared/pipeline/fact-docs.ts).
          resources.splice(0, resources.length, ...resources.map((d) => decodeFactDoc(d)));
          const tenants = new Set(resources.map((r) => r.tenantId));
          return accepted.every((i) => tenants.has(`kill-t-${i}`)) ? resources : undefined;
        },
        120_000,
        500,
      );
      for (const i of accepted) {
        const docs = applied.filter((r) => r.tenantId === `kill-t-${i}`);
        expect(docs, `kill-t-${i}`).toHaveLength(1);
        expect(docs[0]!.partnerId).toBe(PARTNERS[i % PARTNERS.length]);
        expect(Object.keys(docs[0]!.associations)).toHaveLength(1);
      }

      // The mails settle and each idempotency key is in the sink once, across both runs.
      let seen = -1;
      const keys = await waitFor(
        'the mail to settle',
        async () => {
          const now = await mailKeys(mailDir);
          const stable = now.length === seen;
          seen = now.length;
          return stable && now.length > 0 ? now : undefined;
        },
        90_000,
        4_000,
      );
      const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
      expect(twice, keys.join('\n')).toEqual([]);

      // No orphans: a SIGKILL of the host alone takes its stand-ins down with it (guard.mjs).
      killGroup(second.child.pid!);
      await waitFor('the stand-ins to exit with their host', async () => second.standInPids.every((p) => !alive(p)), 15_000);
    } finally {
      for (const g of groups) killGroup(g);
      await rm(tmp, { recursive: true, force: true });
    }
  }, 480_000);
});
