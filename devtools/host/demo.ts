// `npm run demo`: runs the main job once on the local stack and reports. Until the pipeline exists it
// walks the skeleton: HTTP → Service Bus → handler → Cosmos; timer → Service Bus → handler; Service Bus → mail.
// The pipeline issue replaces runDemo's body; main.ts only needs it to resolve with a summary.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { getRoot } from '../../functions/composition.js';
import { QUEUES } from '../../shared/ports/index.js';
import type { StartedContext } from './started.js';
import { waitFor } from './wait.js';

export interface DemoSummary {
  ok: boolean;
  lines: string[];
}

async function emlContaining(dir: string, needle: string): Promise<string | undefined> {
  for (const f of await readdir(dir).catch(() => [] as string[])) {
    if (!f.endsWith('.eml')) continue;
    const file = path.join(dir, f);
    if ((await readFile(file, 'utf8')).includes(needle)) return file;
  }
  return undefined;
}

export async function runDemo(ctx: StartedContext): Promise<DemoSummary> {
  const lines: string[] = [];
  const api = ctx.host.url + '/api';
  const { store, bus } = getRoot().ports;
  const runId = new Date().toISOString().replace(/[-:.TZ]/g, '');
  const partnerId = 'demo-partner-1';

  const health = await fetch(`${api}/health`);
  const healthBody = (await health.json()) as { checks: Record<string, { ok: boolean; latencyMs: number }> };
  lines.push(
    `health: ${health.status} (${Object.entries(healthBody.checks).map(([k, v]) => `${k} ${v.ok ? 'ok' : 'FAILED'} ${v.latencyMs} ms`).join(', ')})`,
  );
  if (health.status !== 200) return { ok: false, lines };

  // 1. HTTP → Service Bus → processPartnerChange → Cosmos
  const post = await fetch(`${api}/changes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ partnerId, changeId: `demo-${runId}`, kind: 'customer-added', customerId: 'contoso' }),
  });
  const accepted = (await post.json()) as { messageId: string };
  lines.push(`POST /api/changes: ${post.status}, message ${accepted.messageId} on ${QUEUES.partnerChanges}`);
  const changeDoc = await waitFor('the change document in Cosmos', () =>
    store.collection('partners').read(`change-${accepted.messageId}`.replace(/[/\\?#]/g, '_'), partnerId),
  );
  lines.push(`processPartnerChange stored partners/${changeDoc.doc.id}`);

  // 2. Timer → Service Bus → recomputePartner → Cosmos
  if (!ctx.host.timers) throw new Error('timers are off');
  await ctx.host.timers.fire('nightlyRecompute');
  const today = new Date().toISOString().slice(0, 10);
  await waitFor('the recompute of the demo partner', async () => {
    const state = await store.collection('partners').read<{ id: string; lastRecomputedAsOf?: string }>('state', partnerId);
    return state?.doc.lastRecomputedAsOf === today ? state : undefined;
  });
  lines.push(`nightlyRecompute queued recompute:${partnerId}:${today}; recomputePartner updated partners/state`);

  // 3. Service Bus → sendNotification → mail
  const notificationId = `demo-${runId}`;
  await bus.send(QUEUES.notifications, [
    {
      messageId: `notification:${notificationId}`,
      body: {
        notificationId,
        to: 'partner-admin@example.com',
        subject: `Designation tracker demo ${runId}`,
        text: `The local stack works end to end (${runId}).`,
      },
    },
  ]);
  if (ctx.stack.mailDir) {
    const file = await waitFor('the .eml file in the mail sink', () => emlContaining(ctx.stack.mailDir!, runId));
    lines.push(`sendNotification mailed → ${path.relative(process.cwd(), file)}`);
  } else {
    await waitFor('the sent-marker of the notification', () =>
      store.collection('operations').read(`notification-${notificationId}`, 'notifications-sent'),
    );
    lines.push('sendNotification sent the mail through the configured transport');
  }
  return { ok: true, lines };
}
