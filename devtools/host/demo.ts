// `npm run demo`: the main job once, on the local stack. The start-up hook (started.ts) has uploaded the
// sample export drops and fired the import timer; from there the demo follows the real path:
//   exports container → importExports → partner-changes → processPartnerChange → Cosmos (facts, scores,
//   statuses) → notifications → sendNotification → .eml in the mail sink
// then pushes one signed change to POST /api/changes that lifts a partner over 70, and prints per partner
// and area the track, total, metrics, status and window dates, plus the import report. It checks that each
// stored total equals the scoring engine run on the same stored facts (what `pcs facts | pcs score` does).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { getRoot } from '../../functions/composition.js';
import { AREAS, type Area } from '../../shared/domain/facts/types.js';
import { currentRules } from '../../shared/domain/rules/index.js';
import { scorePartner } from '../../shared/domain/scoring/index.js';
import type { AreaView } from '../../shared/domain/status/index.js';
import type { ImportReport } from '../../shared/imports/index.js';
import { pushChanges } from '../../shared/ingestion/index.js';
import { factsAsScored, PartnerRepository, readPartnerView, type LoadedPartner, type PartnerView } from '../../shared/pipeline/index.js';
import { LIFTED_PARTNER, readLiftChange } from './samples.js';
import type { StartedContext } from './started.js';
import { waitFor } from './wait.js';

export interface DemoSummary {
  ok: boolean;
  lines: string[];
}

const AREA_LABELS: Record<Area, string> = {
  dataAi: 'Data & AI',
  infrastructure: 'Infrastructure',
  digitalAppInnovation: 'Digital & App Innovation',
  businessApplications: 'Business Applications',
  modernWork: 'Modern Work',
  security: 'Security',
};

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

/** Waits until every partner has a state document and none changed between two looks (the queues drained). */
async function settledViews(partnerIds: readonly string[]): Promise<Map<string, PartnerView>> {
  const { store } = getRoot().ports;
  let previous = '';
  return waitFor(
    'every sample partner to be scored',
    async () => {
      const views = new Map<string, PartnerView>();
      for (const id of partnerIds) {
        const view = await readPartnerView(store, id);
        if (!view) return undefined;
        views.set(id, view);
      }
      const fingerprint = [...views.values()].map((v) => `${v.state.partnerId}:${v.state.computedAt}`).join('|');
      const settled = fingerprint === previous;
      previous = fingerprint;
      return settled ? views : undefined;
    },
    120_000,
    1_000,
  );
}

function importLines(reports: ImportReport[]): string[] {
  const lines = [`Import: ${reports.length} files`];
  for (const r of [...reports].sort((a, b) => a.file.localeCompare(b.file))) {
    lines.push(`  ${r.file}: ${r.rows} rows, ${r.accepted} accepted, ${r.rejectedCount} rejected, ${r.partners.length} partners, ${r.messages} messages`);
    for (const bad of r.rejected) lines.push(`    ✗ line ${bad.line}${bad.column ? `, column ${bad.column}` : ''}: ${bad.reason}`);
  }
  return lines;
}

function windowText(a: AreaView): string {
  const parts = [`window ${a.window.start} … ${a.window.end}`];
  if (a.anniversary) parts.push(`anniversary ${a.anniversary}`);
  if (a.renewalWindow) parts.push(`renewal ${a.renewalWindow.start} … ${a.renewalWindow.end}`);
  return parts.join(', ');
}

function partnerLines(view: PartnerView, name: string | undefined): string[] {
  const { score, scoring } = view.state;
  const lines = [`Partner ${view.state.partnerId}${name ? ` ${name}` : ''} — scored as of ${scoring.asOf} (today ${scoring.today})`];
  const idle: string[] = [];
  for (const areaView of view.designations.areas) {
    const area = score.areas[areaView.area];
    if (area.total === 0 && areaView.status === 'inProgress') {
      idle.push(AREA_LABELS[areaView.area]);
      continue;
    }
    const metrics = Object.entries(area.metrics)
      .map(([metric, m]) => `${metric} ${oneDecimal(m.points)}/${m.maxPoints}`)
      .join(', ');
    lines.push(
      `  ${AREA_LABELS[areaView.area].padEnd(25)} ${area.track.padEnd(10)} ${oneDecimal(area.total).padStart(5)}  ${areaView.label.padEnd(22)} ${windowText(areaView)}`,
      `  ${''.padEnd(25)} ${metrics}`,
    );
  }
  if (idle.length > 0) lines.push(`  0 points, In progress: ${idle.join(', ')}`);
  return lines;
}

/** The stored totals must equal the engine's on the same stored facts (`pcs facts` → `pcs score`). */
function mismatches(partners: ReadonlyMap<string, LoadedPartner>): string[] {
  const problems: string[] = [];
  for (const [id, loaded] of partners) {
    const { facts, state } = factsAsScored(loaded, id, '');
    if (!state) continue;
    const rescored = scorePartner(facts, currentRules());
    for (const area of AREAS) {
      const stored = state.score.areas[area].total;
      const again = rescored.areas[area].total;
      if (Math.abs(stored - again) > 0.01) problems.push(`${id} ${area}: stored ${stored}, pcs score ${again}`);
    }
  }
  return problems;
}

/** .eml files the sink wrote since `sinceMs` (earlier runs' mail stays in the folder). */
async function mailFilesSince(dir: string, sinceMs: number): Promise<string[]> {
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).map((f) => path.join(dir, f));
  const fresh: string[] = [];
  for (const file of files) if ((await stat(file)).mtimeMs >= sinceMs) fresh.push(file);
  return fresh;
}

export async function runDemo(ctx: StartedContext): Promise<DemoSummary> {
  const lines: string[] = [];
  const api = `${ctx.host.url}/api`;
  const { config } = ctx.host;

  const health = await fetch(`${api}/health`);
  lines.push(`health: ${health.status}`);
  if (health.status !== 200) return { ok: false, lines: [...lines, JSON.stringify(await health.json())] };

  // 1. The import the start-up hook ran: reports, with every rejected row and its reason.
  const imports = (await (await fetch(`${api}/imports?limit=100`)).json()) as { imports: ImportReport[] };
  lines.push(...importLines(imports.imports));
  const partnerIds = [...new Set(imports.imports.flatMap((r) => r.partners))].sort();
  if (partnerIds.length === 0) return { ok: false, lines: [...lines, 'no partner was imported'] };

  // 2. Every partner's facts scored and its statuses moved.
  await settledViews(partnerIds);
  const beforeState = (await readPartnerView(getRoot().ports.store, LIFTED_PARTNER.partnerId))?.state;
  const before = beforeState?.score.areas[LIFTED_PARTNER.area].total;

  // 3. A pushed change lifts Northwind's Business Applications score over 70.
  const secret = config.WEBHOOK_SECRETS[0];
  if (!secret) return { ok: false, lines: [...lines, 'WEBHOOK_SECRETS is empty: cannot sign the demo change'] };
  // Signed on the stack's clock, which the demo may have moved to the samples' day.
  const pushed = await pushChanges(`${api}/changes`, await readLiftChange(), secret, { timestamp: getRoot().ports.clock.now() });
  lines.push(`POST /api/changes (signed, lift-${LIFTED_PARTNER.partnerId}.json): ${pushed.status}`);
  if (pushed.status !== 202) return { ok: false, lines: [...lines, JSON.stringify(pushed.body)] };
  const lifted = await waitFor(
    `partner ${LIFTED_PARTNER.partnerId} to be re-scored`,
    async () => {
      const view = await readPartnerView(getRoot().ports.store, LIFTED_PARTNER.partnerId);
      // The facts changed (not "the total changed": on a later date the new certification may no longer count).
      return view && view.state.factsVersion !== beforeState?.factsVersion ? view : undefined;
    },
    60_000,
    250,
  );
  const liftedArea = lifted.designations.areas.find((a) => a.area === LIFTED_PARTNER.area);
  lines.push(
    `  ${LIFTED_PARTNER.partnerId} ${AREA_LABELS[LIFTED_PARTNER.area]}: ${oneDecimal(before ?? 0)} → ${oneDecimal(lifted.state.score.areas[LIFTED_PARTNER.area].total)}, ${liftedArea?.label ?? '?'}`,
  );

  // 4. Final state per partner and area.
  const views = await settledViews(partnerIds);
  const repo = new PartnerRepository(getRoot().ports.store);
  const stored = new Map<string, LoadedPartner>();
  for (const id of partnerIds) {
    const loaded = await repo.load(id);
    stored.set(id, loaded);
    const view = views.get(id);
    if (!view) continue;
    lines.push('', ...partnerLines(view, loaded.profile?.doc.name?.value ?? undefined));
  }

  // 5. Stored totals = the scoring command on the same stored facts.
  const problems = mismatches(stored);
  lines.push('', problems.length === 0 ? `Stored totals equal pcs score on the stored facts for all ${partnerIds.length} partners` : 'Totals differ:', ...problems);

  // 6. Notifications of the transitions, as mail in the sink.
  const mailDir = ctx.stack.mailDir;
  if (mailDir) {
    const mails = await waitFor('notification mail in the sink', async () => {
      const files = await mailFilesSince(mailDir, ctx.startedAtMs);
      return files.length > 0 ? files : undefined;
    }, 60_000, 500);
    lines.push(`Mail: ${mails.length} notifications written to ${path.relative(process.cwd(), mailDir) || '.'} by this run`);
  }

  return { ok: problems.length === 0, lines };
}
