// Renders one outbox entry as a mail (subject, plain text, simple HTML) in the partner's language.
// Wording is data (en.ts, de.ts, fr.ts, ja.ts, nl.ts); this module picks the sentences and fills the
// placeholders. Every interpolated value is HTML-escaped in the HTML part; dates are UTC days and
// numbers are formatted for the language with Intl (format.ts).
//
// The optional MailContext (score, metrics, window, plan, forecast, read at send time) adds the numbers
// and the next step in words; without it (old queued messages) those parts are left out.
// A claim-competing mail also needs the recipient's claim (RenderInput.claim); without it, it cannot
// be rendered (TemplateError).
import type { CompetingClaimDetails } from '../../domain/claims/competing.js';
import type { MailContext } from '../../domain/guidance/types.js';
import { currentRules } from '../../domain/rules/load.js';
import { METRIC_NAMES } from '../../domain/scoring/types.js';
import { daysBetween, lastOfMonth, minDay } from '../../domain/status/days.js';
import type { OutboxEntry } from '../../domain/status/outbox.js';
import { LIFECYCLE_RULES } from '../../domain/status/rules.js';
import { inRange, renewalEligibilityWindow, renewalWindow } from '../../domain/status/window.js';
import { AREA_NAMES, CLAIM_AREA_NAMES } from './areas.js';
import { de } from './de.js';
import { en } from './en.js';
import { formatDay, formatList, formatNumber, formatPlural, formatPoints } from './format.js';
import { fr } from './fr.js';
import { ja } from './ja.js';
import { nl } from './nl.js';
import { actionLine } from './plan-words.js';
import { escapeHtml, fill, plain, TemplateError } from './text.js';
import type { Wording } from './wording.js';

export { formatDay } from './format.js';
export { escapeHtml, fill, TemplateError } from './text.js';

/** Wording by base language. English is the fallback. */
export const WORDINGS: Readonly<Record<string, Wording>> = { en, de, fr, ja, nl };
export const FALLBACK_WORDING = en;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The wording used (`en`, `de`, `fr`, `ja`, `nl`). */
  language: string;
  /** The locale dates and numbers were formatted with (`de-DE`, `fr`, `en`). */
  locale: string;
}

export interface RenderInput {
  entry: OutboxEntry;
  partnerName: string;
  /** BCP 47 tag (`de-DE`); unknown languages fall back to English. */
  language: string;
  /** Score, window, plan and forecast at send time; absent on old queued messages. */
  context?: MailContext | null;
  /** claim-competing: the recipient's claim (required for that kind, ignored for the others). */
  claim?: CompetingClaimDetails | null;
}

/** The wording for a language tag: `de-AT` → de; `es`, `xx`, `` → en. */
export function wordingFor(language: string): Wording {
  const base = language.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return WORDINGS[base] ?? FALLBACK_WORDING;
}

const supportedLocale = new Map<string, string>();

/** The locale for dates: the partner's own tag when it is the wording's language (de-CH), else the wording's. */
export function localeFor(language: string, wording: Wording): string {
  const base = language.trim().split(/[-_]/)[0]?.toLowerCase();
  if (base !== wording.language) return wording.language;
  // supportedLocalesOf costs a third of a millisecond a call: remembered per tag (bounded; tags come from profiles).
  const key = `${wording.language}\u0000${language}`;
  let locale = supportedLocale.get(key);
  if (locale === undefined) {
    try {
      locale = Intl.DateTimeFormat.supportedLocalesOf([language.trim()])[0] ?? wording.language;
    } catch {
      locale = wording.language;
    }
    if (supportedLocale.size >= 256) supportedLocale.clear();
    supportedLocale.set(key, locale);
  }
  return locale;
}

/** A paragraph, or a heading with one line per item (a list in HTML, `- ` lines in text). */
type Block = { text: string } | { title: string; items: string[] };

interface Composition {
  subject: string;
  blocks: Block[];
  values: Record<string, string>;
  details: Array<[label: string, value: string]>;
}

/** Which plan the next step shows: the one reaching the threshold, the one holding it (at-risk), or none. */
type PlanMode = 'reach' | 'hold' | null;

interface Picked {
  subject: string;
  /** What happened. */
  intro: string[];
  /** The next step, after the score. */
  next: string[];
  plan: PlanMode;
  /** Blocks between what happened and the score (filled already). */
  extra?: Block[];
}

function compose(input: RenderInput, wording: Wording, locale: string): Composition {
  const { entry } = input;
  const ctx = input.context ?? null;
  const day = (d: string) => formatDay(d, locale);
  const areaName = wording.areaNames?.[entry.area] ?? AREA_NAMES[entry.area];
  const values: Record<string, string> = {
    partner: plain(input.partnerName) || entry.partnerId,
    partnerId: entry.partnerId,
    area: areaName,
    status: wording.statusLabels[entry.status],
    day: day(entry.day),
    reference: entry.id,
    // The total an area needs on a day to qualify (the rule catalog's, 70).
    threshold: formatNumber(currentRules().qualification.minTotal, locale),
    previousMonths: String(LIFECYCLE_RULES.notEnrolledPreviousMonths),
    enrollBy: day(lastOfMonth(entry.day, LIFECYCLE_RULES.notEnrolledPreviousMonths)),
  };
  values.designation = fill(wording.designation, values);
  const details: Composition['details'] = [
    [wording.labels.designation, values.designation],
    [wording.labels.status, values.status!],
    [wording.labels.day, values.day!],
  ];
  const a = entry.anniversary;
  const eligibleWindow = a !== null ? renewalEligibilityWindow(a) : null;
  if (a !== null && eligibleWindow !== null) {
    const renew = renewalWindow(a);
    Object.assign(values, {
      anniversary: day(a),
      renewStart: day(renew.start),
      renewEnd: day(renew.end),
      eligStart: day(eligibleWindow.start),
      eligEnd: day(eligibleWindow.end),
      qualifyBy: day(minDay(eligibleWindow.end, renew.end)),
    });
    const untilAnniversary = daysBetween(entry.day, a);
    if (untilAnniversary > 0) values.daysUntil = formatPlural(untilAnniversary, wording.days, locale);
    else values.daysLeft = formatPlural(Math.max(0, daysBetween(entry.day, renew.end)), wording.days, locale);
    details.push([wording.labels.anniversary, values.anniversary!]);
    details.push([wording.labels.renewalWindow, fill(wording.labels.range, { start: values.renewStart!, end: values.renewEnd! })]);
  }
  if (ctx) {
    Object.assign(values, {
      asOf: day(ctx.asOf),
      today: day(ctx.today),
      track: wording.trackNames[ctx.track],
      total: formatPoints(ctx.total, locale),
      windowStart: day(ctx.window.start),
      windowEnd: day(ctx.window.end),
    });
    if (ctx.forecast) {
      const dropping = ctx.metrics[ctx.forecast.metric];
      Object.assign(values, {
        forecastDay: day(ctx.forecast.asOf),
        forecastTotal: formatPoints(ctx.forecast.total, locale),
        metric: wording.metricNames[ctx.forecast.metric],
        ...(dropping ? { metricPoints: formatPoints(dropping.points, locale), metricMax: formatNumber(dropping.maxPoints, locale) } : {}),
      });
    }
  }

  const claim = entry.kind === 'claim-competing' ? claimValues(input, wording, locale, values) : null;

  // Settled facts at send time may be newer than the entry: qualifying today inside the eligibility
  // window makes the area eligible to renew even if the entry said not yet.
  const qualifiesInEligibility = ctx?.qualifiesToday === true && eligibleWindow !== null && inRange(ctx.today, eligibleWindow);
  const eligibleToRenew = entry.eligibleToRenew === true || qualifiesInEligibility ? true : entry.eligibleToRenew;
  const eligibility =
    eligibleToRenew === true
      ? wording.eligibility.eligible
      : eligibleToRenew === false
        ? wording.eligibility.notYetEligible
        : wording.eligibility.unknown;
  const reachUnlessEligible: PlanMode = eligibleToRenew === true ? null : 'reach';

  const k = wording.kinds;
  const generic = (...more: string[]): Picked => ({
    subject: wording.generic.subject,
    intro: [wording.generic.intro],
    next: more,
    plan: null,
  });
  const pick = (): Picked => {
    switch (entry.kind) {
      case 'qualified':
        // The next step is enrolling; the status holds whatever today's score is.
        return { subject: k.qualified.subject, intro: k.qualified.intro, next: [k.qualified.next], plan: null };
      case 'no-longer-qualified': {
        const w = k['no-longer-qualified'];
        return { subject: w.subject, intro: w.intro, next: [w.next], plan: 'reach' };
      }
      case 'enrolled': {
        const w = k.enrolled;
        const intro = entry.cause === 'automatic-enrollment' ? [w.automatic] : w.intro;
        if (a === null) return { subject: w.subject, intro, next: [wording.noAnniversary], plan: 'reach' };
        if (a >= entry.day) {
          const next = ctx?.qualifiesToday ? (qualifiesInEligibility ? w.nextEligible : w.nextQualifies) : w.next;
          return { subject: w.subject, intro: [...intro, w.dates], next: [next], plan: 'reach' };
        }
        // First seen after its anniversary: never announce that date as ahead.
        if (entry.day <= renewalWindow(a).end) {
          return { subject: w.subject, intro: [...intro, w.datesInWindow], next: [eligibility], plan: reachUnlessEligible };
        }
        return { subject: w.subject, intro: [...intro, w.datesPast], next: [], plan: null };
      }
      case 'renewal-due': {
        const w = k['renewal-due'];
        return a !== null
          ? { subject: w.subject, intro: w.intro, next: [eligibility], plan: reachUnlessEligible }
          : { ...generic(wording.noAnniversary), subject: w.subject };
      }
      case 'renewed': {
        const w = k.renewed;
        return a !== null
          ? { subject: w.subject, intro: [...w.intro, w.dates], next: [w.next], plan: null }
          : { subject: w.subject, intro: w.intro, next: [wording.noAnniversary], plan: null };
      }
      case 'lapsed': {
        const w = k.lapsed;
        const next = ctx?.qualifiesToday ? w.nextQualifies : w.next;
        return { subject: w.subject, intro: a !== null ? w.intro : [wording.generic.intro], next: [w.lost, next], plan: 'reach' };
      }
      case 'enrollment-withdrawn': {
        const w = k['enrollment-withdrawn'];
        return { subject: w.subject, intro: [...w.intro, ...(a !== null ? [w.dates] : [])], next: [w.next], plan: 'reach' };
      }
      case 'renewal-reminder': {
        const w = k['renewal-reminder'];
        if (a === null) return generic(wording.noAnniversary);
        return values.daysUntil !== undefined
          ? { subject: w.subjectBefore, intro: [w.before], next: [eligibility], plan: reachUnlessEligible }
          : { subject: w.subjectInWindow, intro: [w.inWindow], next: [eligibility], plan: reachUnlessEligible };
      }
      case 'at-risk': {
        const w = k['at-risk'];
        const forecast = ctx?.forecast ? [values.metricPoints !== undefined ? w.forecastMetric : w.forecast] : [];
        return { subject: w.subject, intro: [...w.intro, ...forecast, w.meaning], next: ctx ? [] : [w.next], plan: 'hold' };
      }
      case 'claim-competing': {
        const w = k['claim-competing'];
        const status = claim!.status;
        const next = status === 'approved' ? w.nextApproved : status === 'draft' ? w.nextDraft : w.nextUndecided;
        return {
          subject: w.subject,
          intro: w.intro,
          extra: [claim!.block, { text: fill(w.stake, values) }],
          next: [next, w.canDo],
          plan: null,
        };
      }
    }
  };
  const chosen = pick();
  const blocks: Block[] = chosen.intro.map((p) => ({ text: fill(p, values) }));
  blocks.push(...(chosen.extra ?? []));
  if (ctx) blocks.push(scoreBlock(ctx, entry, wording, locale, values));
  blocks.push(...chosen.next.map((p) => ({ text: fill(p, values) })));
  if (ctx) blocks.push(...planBlocks(ctx, chosen.plan, wording, locale, values));
  return { subject: fill(chosen.subject, values), blocks, values, details };
}

/**
 * claim-competing: the claim's placeholders (added to `values`) and its details as a list. Only the
 * recipient's own claim: the message carries nothing that names the other partner.
 */
function claimValues(
  input: RenderInput,
  wording: Wording,
  locale: string,
  values: Record<string, string>,
): { block: Block; status: CompetingClaimDetails['status'] } {
  const c = input.claim;
  if (!c) throw new TemplateError(`a claim-competing mail needs its claim (entry ${input.entry.id})`);
  const w = wording.kinds['claim-competing'];
  const tenantId = plain(c.tenantId);
  const domain = c.customerDomain ? plain(c.customerDomain) : '';
  const names = c.workloads.map(plain).filter((n) => n !== '');
  const solutionArea = CLAIM_AREA_NAMES[c.solutionArea];
  const workloads = names.length > 0 ? formatList(names, locale) : solutionArea;
  const name = c.name ? plain(c.name) : '';
  Object.assign(values, {
    claimId: plain(c.claimId),
    claim: name ? fill(w.claimNamed, { claimId: plain(c.claimId), name }) : plain(c.claimId),
    customer: domain ? fill(w.customerDomain, { domain, tenantId }) : fill(w.customerTenant, { tenantId }),
    customerShort: domain || tenantId,
    workloads,
    solutionArea,
    claimStatus: w.statusLabels[c.status],
    since: formatDay(c.since, locale),
    actionRequired: w.statusLabels['partner-action-required'],
  });
  const line = (label: string, value: string) => fill(wording.labels.line, { label, value });
  const workloadValue = c.subscriptionId ? fill(w.workloadSubscription, { workloads, subscriptionId: plain(c.subscriptionId) }) : workloads;
  const block: Block = {
    title: fill(w.claimTitle, values),
    items: [
      line(w.labels.claim, values.claim!),
      line(w.labels.customer, values.customer!),
      line(w.labels.workloads, workloadValue),
      line(w.labels.solutionArea, solutionArea),
      line(w.labels.claimStatus, values.claimStatus!),
    ],
  };
  return { block, status: c.status };
}

/** Track, total against the threshold, each metric's points of its maximum, the deciding window. */
function scoreBlock(ctx: MailContext, entry: OutboxEntry, wording: Wording, locale: string, values: Record<string, string>): Block {
  const line = (label: string, value: string) => fill(wording.labels.line, { label, value });
  const items = [
    line(wording.labels.track, values.track!),
    line(wording.labels.total, fill(wording.labels.totalValue, { total: values.total!, threshold: values.threshold! })),
  ];
  for (const metric of METRIC_NAMES) {
    const m = ctx.metrics[metric];
    if (m)
      items.push(
        line(
          wording.metricNames[metric],
          fill(wording.labels.metricValue, { points: formatPoints(m.points, locale), max: formatNumber(m.maxPoints, locale) }),
        ),
      );
  }
  const enrolled = ctx.anniversary !== null || entry.status === 'enrolled' || entry.status === 'renewalDue';
  items.push(
    line(
      enrolled ? wording.labels.eligibilityWindow : wording.labels.qualificationWindow,
      fill(wording.labels.range, { start: values.windowStart!, end: values.windowEnd! }),
    ),
  );
  return { title: fill(wording.labels.score, values), items };
}

function planBlocks(ctx: MailContext, mode: PlanMode, wording: Wording, locale: string, values: Record<string, string>): Block[] {
  if (mode === null) return [];
  const p = wording.plan;
  if (ctx.plan !== null && ctx.plan.length > 0) {
    return [
      { title: fill(mode === 'hold' ? p.hold : p.reach, values), items: ctx.plan.map((action) => actionLine(action, wording, locale)) },
    ];
  }
  if (mode === 'hold') return [{ text: fill(ctx.plan === null ? p.notFoundHold : p.noneNeeded, values) }];
  // An empty plan means nothing is needed: the kind's own sentences say what holds.
  return ctx.plan === null && !ctx.qualifiesToday ? [{ text: fill(p.notFound, values) }] : [];
}

function blockText(b: Block): string {
  return 'text' in b ? b.text : [b.title, ...b.items.map((i) => `- ${i}`)].join('\n');
}

function blockHtml(b: Block): string {
  if ('text' in b) return `<p>${escapeHtml(b.text)}</p>`;
  const items = b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('');
  return `<p style="margin-bottom:4px">${escapeHtml(b.title)}</p>\n<ul style="margin-top:0;padding-left:20px">${items}</ul>`;
}

export function renderNotification(input: RenderInput): RenderedMail {
  const wording = wordingFor(input.language);
  const locale = localeFor(input.language, wording);
  const { subject, blocks, values, details } = compose(input, wording, locale);
  const greeting = fill(wording.greeting, values);
  const footer = fill(wording.footer, values);
  const title = plain(subject);

  const text =
    [
      greeting,
      ...blocks.map(blockText),
      details.map(([label, value]) => fill(wording.labels.line, { label, value })).join('\n'),
      wording.closing,
      `-- \n${footer}`,
    ].join('\n\n') + '\n';

  const rows = details
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(wording.language)}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1b1b1b">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...blocks.map(blockHtml),
    `<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px">${rows}</table>`,
    `<p>${escapeHtml(wording.closing)}</p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: title, text, html, language: wording.language, locale };
}
