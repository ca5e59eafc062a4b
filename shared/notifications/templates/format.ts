// Dates, months and numbers in the mail's locale. Days are UTC days; points have one decimal.
import { fill, TemplateError } from './text.js';
import type { PluralForms } from './wording.js';

const base = (locale: string) => locale.split('-')[0]?.toLowerCase() ?? '';

/**
 * One formatter per locale and kind, made on first use (making an Intl formatter costs far more than
 * formatting with it; a mail formats a dozen days and numbers). An unknown locale still throws as the
 * constructor does. Bounded: locales come from partner profiles.
 */
function cached<T>(make: (locale: string) => T): (locale: string) => T {
  const byLocale = new Map<string, T>();
  return (locale) => {
    let f = byLocale.get(locale);
    if (f === undefined) {
      f = make(locale);
      if (byLocale.size >= 64) byLocale.clear();
      byLocale.set(locale, f);
    }
    return f;
  };
}

const dayFormat = cached((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }));
const monthFormat = cached((locale) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }));
const pointsFormat = cached((locale) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
const numberFormat = cached((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
const usdFormat = cached(
  (locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', currencyDisplay: 'code', maximumFractionDigits: 0 }),
);
const pluralRules = cached((locale) => new Intl.PluralRules(locale));

export function formatDay(day: string, locale: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new TemplateError(`not a day: ${JSON.stringify(day)}`);
  const format = dayFormat(locale);
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
  return monthFormat(locale).format(new Date(`${month}-01T00:00:00Z`));
}

/** Points and totals: always one decimal (72.5, 72,5, 70.0). */
export function formatPoints(n: number, locale: string): string {
  return pointsFormat(locale).format(n);
}

/** A plain number, at most one decimal (15, 7.5). */
export function formatNumber(n: number, locale: string): string {
  return numberFormat(locale).format(n);
}

/** "USD 1,000", "1.000 USD": the ISO code reads the same in every language. */
export function formatUsd(n: number, locale: string): string {
  return usdFormat(locale).format(n);
}

export function formatPlural(n: number, forms: PluralForms, locale: string): string {
  const form = pluralRules(locale).select(n);
  return fill(forms[form] ?? forms.other, { n: formatNumber(n, locale) });
}

/** "Teams and Exchange Online", "Teams et Exchange Online", "Teams、Exchange Online". */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
