// Renders one outbox entry as a mail (subject, plain text, simple HTML) in the partner's language.
// Wording is data (en.ts, de.ts, fr.ts); this module picks the sentences and fills the placeholders.
// Every interpolated value is HTML-escaped in the HTML part; dates are UTC days formatted for the
// language with Intl.DateTimeFormat.
import type { OutboxEntry } from '../../domain/status/outbox.js';
import { daysBetween, lastOfMonth, minDay } from '../../domain/status/days.js';
import { LIFECYCLE_RULES } from '../../domain/status/rules.js';
import { renewalEligibilityWindow, renewalWindow } from '../../domain/status/window.js';
import { AREA_NAMES } from './areas.js';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';
import type { Wording } from './wording.js';

/** Wording by base language. English is the fallback. */
export const WORDINGS: Readonly<Record<string, Wording>> = { en, de, fr };
export const FALLBACK_WORDING = en;

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** The wording used (`en`, `de`, `fr`). */
  language: string;
  /** The locale dates were formatted with (`de-DE`, `fr`, `en`). */
  locale: string;
}

export interface RenderInput {
  entry: OutboxEntry;
  partnerName: string;
  /** BCP 47 tag (`de-DE`); unknown languages fall back to English. */
  language: string;
}

/** The wording for a language tag: `de-AT` → de; `es`, `xx`, `` → en. */
export function wordingFor(language: string): Wording {
  const base = language.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return WORDINGS[base] ?? FALLBACK_WORDING;
}

/** The locale for dates: the partner's own tag when it is the wording's language (de-CH), else the wording's. */
export function localeFor(language: string, wording: Wording): string {
  const base = language.trim().split(/[-_]/)[0]?.toLowerCase();
  if (base !== wording.language) return wording.language;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language.trim()])[0] ?? wording.language;
  } catch {
    return wording.language;
  }
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** Fills `{name}` placeholders; a placeholder without a value is a bug in the wording, so it throws. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TemplateError(`placeholder {${name}} has no value in "${template.slice(0, 60)}…"`);
    return value;
  });
}

/** Control characters (CR/LF included) become spaces: values end up in the Subject header. */
function plain(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new TemplateError(`not a day: ${JSON.stringify(day)}`);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

function formatDays(n: number, wording: Wording, locale: string): string {
  const form = new Intl.PluralRules(locale).select(n);
  return fill(wording.days[form] ?? wording.days.other, { n: new Intl.NumberFormat(locale).format(n) });
}

interface Composition {
  subject: string;
  paragraphs: string[];
  values: Record<string, string>;
  details: Array<[label: string, value: string]>;
}

function compose(input: RenderInput, wording: Wording, locale: string): Composition {
  const { entry } = input;
  const day = (d: string) => formatDay(d, locale);
  const areaName = wording.areaNames?.[entry.area] ?? AREA_NAMES[entry.area];
  const values: Record<string, string> = {
    partner: plain(input.partnerName) || entry.partnerId,
    partnerId: entry.partnerId,
    area: areaName,
    status: wording.statusLabels[entry.status],
    day: day(entry.day),
    reference: entry.id,
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
  if (a !== null) {
    const renew = renewalWindow(a);
    const eligible = renewalEligibilityWindow(a);
    Object.assign(values, {
      anniversary: day(a),
      renewStart: day(renew.start),
      renewEnd: day(renew.end),
      eligStart: day(eligible.start),
      eligEnd: day(eligible.end),
      qualifyBy: day(minDay(eligible.end, renew.end)),
    });
    const untilAnniversary = daysBetween(entry.day, a);
    if (untilAnniversary > 0) values.daysUntil = formatDays(untilAnniversary, wording, locale);
    else values.daysLeft = formatDays(Math.max(0, daysBetween(entry.day, renew.end)), wording, locale);
    details.push([wording.labels.anniversary, values.anniversary!]);
    details.push([wording.labels.renewalWindow, fill(wording.labels.range, { start: values.renewStart!, end: values.renewEnd! })]);
  }

  const k = wording.kinds;
  const eligibility =
    entry.eligibleToRenew === true
      ? wording.eligibility.eligible
      : entry.eligibleToRenew === false
        ? wording.eligibility.notYetEligible
        : wording.eligibility.unknown;
  const generic = (...more: string[]) => ({ subject: wording.generic.subject, paragraphs: [wording.generic.intro, ...more] });
  const pick = (): { subject: string; paragraphs: string[] } => {
    switch (entry.kind) {
      case 'qualified':
        return { subject: k.qualified.subject, paragraphs: [...k.qualified.intro, k.qualified.next] };
      case 'no-longer-qualified': {
        const w = k['no-longer-qualified'];
        return { subject: w.subject, paragraphs: [...w.intro, w.next] };
      }
      case 'enrolled': {
        const w = k.enrolled;
        const intro = entry.cause === 'automatic-enrollment' ? [w.automatic] : w.intro;
        return { subject: w.subject, paragraphs: [...intro, ...(a !== null ? [w.dates, w.next] : [wording.noAnniversary])] };
      }
      case 'renewal-due': {
        const w = k['renewal-due'];
        return a !== null ? { subject: w.subject, paragraphs: [...w.intro, eligibility] } : { ...generic(wording.noAnniversary), subject: w.subject };
      }
      case 'renewed': {
        const w = k.renewed;
        return { subject: w.subject, paragraphs: [...w.intro, ...(a !== null ? [w.dates, w.next] : [wording.noAnniversary])] };
      }
      case 'lapsed': {
        const w = k.lapsed;
        return a !== null ? { subject: w.subject, paragraphs: [...w.intro, w.lost, w.next] } : { subject: w.subject, paragraphs: [wording.generic.intro, w.lost, w.next] };
      }
      case 'enrollment-withdrawn': {
        const w = k['enrollment-withdrawn'];
        return { subject: w.subject, paragraphs: [...w.intro, ...(a !== null ? [w.dates] : []), w.next] };
      }
      case 'renewal-reminder': {
        const w = k['renewal-reminder'];
        if (a === null) return generic(wording.noAnniversary);
        return values.daysUntil !== undefined
          ? { subject: w.subjectBefore, paragraphs: [w.before, eligibility] }
          : { subject: w.subjectInWindow, paragraphs: [w.inWindow, eligibility] };
      }
    }
  };
  const chosen = pick();
  return { subject: chosen.subject, paragraphs: chosen.paragraphs, values, details };
}

export function renderNotification(input: RenderInput): RenderedMail {
  const wording = wordingFor(input.language);
  const locale = localeFor(input.language, wording);
  const { subject, paragraphs, values, details } = compose(input, wording, locale);
  const greeting = fill(wording.greeting, values);
  const body = paragraphs.map((p) => fill(p, values));
  const footer = fill(wording.footer, values);

  const text = [
    greeting,
    ...body,
    details.map(([label, value]) => fill(wording.labels.line, { label, value })).join('\n'),
    wording.closing,
    `-- \n${footer}`,
  ].join('\n\n') + '\n';

  const rows = details
    .map(([label, value]) => `<tr><th align="left" style="padding:2px 12px 2px 0;font-weight:600">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`)
    .join('');
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(wording.language)}"><head><meta charset="utf-8"><title>${escapeHtml(plain(fill(subject, values)))}</title></head>`,
    '<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1b1b1b">',
    `<p>${escapeHtml(greeting)}</p>`,
    ...body.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px">${rows}</table>`,
    `<p>${escapeHtml(wording.closing)}</p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');

  return { subject: plain(fill(subject, values)), text, html, language: wording.language, locale };
}
