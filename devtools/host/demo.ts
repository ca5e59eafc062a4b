// `npm run demo`: the main job once, on the local stack. The start-up hook (started.ts) has uploaded the
// sample export drops and fired the import timer; from there the demo follows the real path:
//   exports container → importExports → partner-changes → processPartnerChange → Cosmos (facts, scores,
//   statuses) → notifications → sendNotification → .eml in the mail sink
// then prints each partner's plans (what would reach 70) and forecasts, pushes the plan of Northwind's
// Business Applications (one more advanced certification) as a signed change to POST /api/changes, and
// prints per partner and area the track, total, metrics, status and window dates, plus the import
// report. It checks that each stored total equals the scoring engine run on the same stored facts (what
// `pcs facts | pcs score` does), runs the nightly recompute (forecasts, at-risk mails), and waits for the
// settled mails (MAIL_SETTLE_SECONDS, short in the demo) in the sink.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { simpleParser } from 'mailparser';

import { getRoot } from '../../functions/composition.js';
import type { PartnerRecommendations } from '../../shared/api/guidance.js';
import { type Area, AREAS } from '../../shared/domain/facts/types.js';
import { planChanges } from '../../shared/domain/guidance/changes.js';
import type { PartnerForecast } from '../../shared/domain/guidance/types.js';
import { currentRules } from '../../shared/domain/rules/load.js';
import { scorePartner } from '../../shared/domain/scoring/score-partner.js';
import type { AreaView } from '../../shared/domain/status/view.js';
import type { ImportReport } from '../../shared/imports/report.js';
import { pushChanges } from '../../shared/ingestion/push-client.js';
import { type LoadedPartner, PartnerRepository } from '../../shared/pipeline/partner-repository.js';
import { factsAsScored } from '../../shared/pipeline/stored-facts.js';
import { type PartnerView, readPartnerView } from '../../shared/pipeline/view.js';
import { LIFTED_PARTNER } from './samples.js';
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
  const { ports } = getRoot();
  let previous = '';
  return waitFor(
    'every sample partner to be scored',
    async () => {
      const views = new Map<string, PartnerView>();
      for (const id of partnerIds) {
        const view = await readPartnerView(ports, id);
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
    lines.push(
      `  ${r.file}: ${r.rows} rows, ${r.accepted} accepted, ${r.rejectedCount} rejected, ${r.partners.length} partners, ${r.messages} messages`,
    );
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

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Each area's plan (not qualifying today) and the forecasts' falls, as the API answers them. */
function guidanceLines(plans: PartnerRecommendations, forecasts: PartnerForecast[]): string[] {
  const lines = [`Partner ${plans.partnerId} — plans as of ${plans.asOf}`];
  for (const area of AREAS) {
    const p = plans.areas[area];
    if (!p || p.qualifiesToday) continue;
    if (p.plan === null) {
      lines.push(`  ${AREA_LABELS[area].padEnd(25)} no plan: ${p.reason ?? '?'}`);
      continue;
    }
    lines.push(`  ${AREA_LABELS[area].padEnd(25)} → ${oneDecimal(p.totalAfter)} for cost ${p.cost ?? 0}, ${p.plan.length} step(s):`);
    for (const a of p.plan) lines.push(`      - ${a.text}`);
  }
  for (const f of forecasts) {
    const falls = AREAS.filter((a) => f.areas[a].flag).map(
      (a) => `${AREA_LABELS[a]} ${oneDecimal(f.areas[a].total)} (${f.areas[a].flag!.reason})`,
    );
    const qualifying = AREAS.filter((a) => f.areas[a].qualifiesToday).map((a) => `${AREA_LABELS[a]} ${oneDecimal(f.areas[a].total)}`);
    lines.push(`  forecast ${f.asOf}: qualifying ${qualifying.join(', ') || 'none'}${falls.length ? `; falls: ${falls.join('; ')}` : ''}`);
  }
  return lines;
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
  const beforeState = (await readPartnerView(getRoot().ports, LIFTED_PARTNER.partnerId))?.state;
  const before = beforeState?.score.areas[LIFTED_PARTNER.area].total;

  // 3. Every partner's plans and forecasts, as the API answers them.
  const guidance = new Map<string, PartnerRecommendations>();
  for (const id of partnerIds) {
    const plans = await getJson<PartnerRecommendations>(`${api}/partners/${id}/recommendations`);
    guidance.set(id, plans);
    lines.push('', ...guidanceLines(plans, await getJson<PartnerForecast[]>(`${api}/partners/${id}/forecast`)));
  }

  // 4. Northwind's Business Applications plan — one more advanced certification — applied as a signed change.
  const plan = guidance.get(LIFTED_PARTNER.partnerId)?.areas[LIFTED_PARTNER.area];
  const step = plan?.plan?.[0];
  if (!plan?.plan || plan.plan.length !== 1 || step?.kind !== 'certification' || step.metric !== 'advancedCertifications') {
    return {
      ok: false,
      lines: [...lines, `expected one advanced certification as ${LIFTED_PARTNER.partnerId}'s plan, got ${JSON.stringify(plan)}`],
    };
  }
  const secret = config.WEBHOOK_SECRETS[0];
  if (!secret) return { ok: false, lines: [...lines, 'WEBHOOK_SECRETS is empty: cannot sign the demo change'] };
  const northwind = await new PartnerRepository(getRoot().ports).load(LIFTED_PARTNER.partnerId);
  const now = getRoot().ports.clock.now();
  const change = planChanges(factsAsScored(northwind, LIFTED_PARTNER.partnerId, '').facts, [step.facts], now.toISOString());
  // Observed on the business day, signed with the real time: webhook timestamps are checked on the real
  // clock, as any outside sender's would be, whatever day LOCAL_TODAY names.
  const pushed = await pushChanges(`${api}/changes`, change, secret, { timestamp: new Date() });
  lines.push('', `POST /api/changes (signed, the plan: ${step.text}): ${pushed.status}`);
  if (pushed.status !== 202) return { ok: false, lines: [...lines, JSON.stringify(pushed.body)] };
  const lifted = await waitFor(
    `partner ${LIFTED_PARTNER.partnerId} to be re-scored`,
    async () => {
      const view = await readPartnerView(getRoot().ports, LIFTED_PARTNER.partnerId);
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

  // 5. Final state per partner and area.
  const views = await settledViews(partnerIds);
  const repo = new PartnerRepository(getRoot().ports);
  const stored = new Map<string, LoadedPartner>();
  for (const id of partnerIds) {
    const loaded = await repo.load(id);
    stored.set(id, loaded);
    const view = views.get(id);
    if (!view) continue;
    lines.push('', ...partnerLines(view, loaded.profile?.doc.name?.value ?? undefined));
  }

  // 6. Stored totals = the scoring command on the same stored facts.
  const problems = mismatches(stored);
  lines.push(
    '',
    problems.length === 0 ? `Stored totals equal pcs score on the stored facts for all ${partnerIds.length} partners` : 'Totals differ:',
    ...problems,
  );

  // 7. The nightly recompute: forecasts, plans and at-risk areas (one at-risk mail per area and month).
  if (ctx.host.timers) {
    await ctx.host.timers.fire('nightlyRecompute');
    const nightly = await settledViews(partnerIds);
    const atRisk = [...nightly.values()].flatMap((v) =>
      Object.entries(v.state.atRisk ?? {}).map(
        ([area, r]) => `${v.state.partnerId} ${AREA_LABELS[area as Area]}: ${r.reason} (${r.forecastAsOf})`,
      ),
    );
    lines.push('', `Nightly recompute: ${atRisk.length === 0 ? 'no area at risk' : 'at risk:'}`, ...atRisk.map((l) => `  ${l}`));
  }

  // 8. Notifications of the transitions, settled (MAIL_SETTLE_SECONDS), as mail in the sink; the lifted
  // partner's mail shows its total against 70 and every metric.
  const mailDir = ctx.stack.mailDir;
  if (mailDir) {
    const liftedMail = await waitFor(
      `the settled ${LIFTED_PARTNER.partnerId} qualification mail`,
      async () => {
        for (const file of await mailFilesSince(mailDir, ctx.startedAtMs)) {
          const mail = await simpleParser(await readFile(file));
          const key = String(mail.headers.get('x-idempotency-key') ?? '');
          if (key.startsWith(`${LIFTED_PARTNER.partnerId}:${LIFTED_PARTNER.area}:qualified:`)) return { file, text: mail.text ?? '' };
        }
        return undefined;
      },
      60_000 + config.MAIL_SETTLE_SECONDS * 1000,
      500,
    );
    const shows = liftedMail.text.includes('72.5') && liftedMail.text.includes('70');
    // The nightly's at-risk mails settle after it: wait until no new mail arrives for a while.
    let seen = -1;
    const mails = await waitFor(
      'the settled mails',
      async () => {
        const files = await mailFilesSince(mailDir, ctx.startedAtMs);
        const stable = files.length === seen;
        seen = files.length;
        return stable ? files : undefined;
      },
      60_000,
      500 + config.MAIL_SETTLE_SECONDS * 1000,
    );
    const languages = new Map<string, number>();
    for (const file of mails) {
      const html = (await simpleParser(await readFile(file))).html;
      const lang = (typeof html === 'string' ? /<html lang="([^"]+)"/.exec(html)?.[1] : undefined) ?? '?';
      languages.set(lang, (languages.get(lang) ?? 0) + 1);
    }
    lines.push(
      '',
      `Mail: ${mails.length} notifications written to ${path.relative(process.cwd(), mailDir) || '.'} by this run (${[...languages].map(([l, n]) => `${l} ${n}`).join(', ')})`,
      `  ${path.basename(liftedMail.file)}: ${shows ? 'shows 72.5 against 70' : 'does NOT show 72.5 against 70'}`,
    );
    if (!shows) return { ok: false, lines };
  }

  return { ok: problems.length === 0, lines };
}
