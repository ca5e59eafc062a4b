// Dates, months and numbers in the mail's locale. Days are UTC days; points have one decimal.
import { fill, TemplateError } from './text.js';
import type { PluralForms } from './wording.js';

const base = (locale: string) => locale.split('-')[0]?.toLowerCase() ?? '';

export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new TemplateError(`not a day: ${JSON.stringify(day)}`);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  // French writes the first of the month as an ordinal ("1er novembre"); Intl gives "1 novembre".
  if (base(locale) === 'fr' && date.getUTCDate() === 1) {
    return format
      .formatToParts(date)
      .map((p) => (p.type === 'day' ? `${p.value}er` : p.value))
      .join('');
  }
  return format.format(date);
}

/** `2026-11` → "November 2026", "novembre 2026", "2026年11月". */
export function formatMonth(month: string, locale: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new TemplateError(`not a month: ${JSON.stringify(month)}`);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** Points and totals: always one decimal (72.5, 72,5, 70.0). */
export function formatPoints(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
}

/** A plain number, at most one decimal (15, 7.5). */
export function formatNumber(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

/** "USD 1,000", "1.000 USD": the ISO code reads the same in every language. */
export function formatUsd(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', currencyDisplay: 'code', maximumFractionDigits: 0 }).format(n);
}

export function formatPlural(n: number, forms: PluralForms, locale: string): string {
  const form = new Intl.PluralRules(locale).select(n);
  return fill(forms[form] ?? forms.other, { n: formatNumber(n, locale) });
}
