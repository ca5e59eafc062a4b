// Every translation must have every string English has, with the same placeholders (both ways: a
// translation that drops {renewEnd} hides a date, one that adds {total} throws when it is absent).
// Plural forms are checked against the translation's own plural categories instead of English's keys.
import { placeholders } from './text.js';
import type { Wording } from './wording.js';

const PLURAL_RULES: ReadonlySet<string> = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

function isPluralForms(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.some(([k]) => k === 'other') && entries.every(([k, v]) => PLURAL_RULES.has(k) && typeof v === 'string');
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

function samePlaceholders(path: string, reference: string, text: string, problems: string[]): void {
  const want = placeholders(reference);
  const have = placeholders(text);
  for (const name of want) if (!have.has(name)) problems.push(`${path} lacks {${name}}`);
  for (const name of have) if (!want.has(name)) problems.push(`${path} has {${name}}, which English does not`);
}

function compare(path: string, reference: unknown, other: unknown, language: string, problems: string[]): void {
  if (typeof reference === 'string') {
    if (typeof other !== 'string') problems.push(`${path} is ${describe(other)}, expected a string`);
    else samePlaceholders(path, reference, other, problems);
    return;
  }
  if (isPluralForms(reference)) {
    if (!isPluralForms(other)) {
      problems.push(`${path} is not a set of plural forms`);
      return;
    }
    const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const category of needed) if (!(category in other)) problems.push(`${path} lacks the plural form "${category}" of ${language}`);
    for (const [form, text] of Object.entries(other)) samePlaceholders(`${path}.${form}`, reference.other!, text, problems);
    return;
  }
  if (Array.isArray(reference)) {
    if (!Array.isArray(other)) problems.push(`${path} is ${describe(other)}, expected an array`);
    else if (other.length !== reference.length) problems.push(`${path} has ${other.length} sentences, English ${reference.length}`);
    else reference.forEach((r, i) => compare(`${path}[${i}]`, r, other[i], language, problems));
    return;
  }
  if (typeof reference === 'object' && reference !== null) {
    if (typeof other !== 'object' || other === null || Array.isArray(other)) {
      problems.push(`${path} is ${describe(other)}, expected an object`);
      return;
    }
    const mine = other as Record<string, unknown>;
    for (const [key, value] of Object.entries(reference)) {
      if (!(key in mine)) problems.push(`${path}.${key} is missing`);
      else compare(`${path}.${key}`, value, mine[key], language, problems);
    }
    for (const key of Object.keys(mine)) if (!(key in reference)) problems.push(`${path}.${key} is not in English`);
    return;
  }
  if (typeof reference !== typeof other) problems.push(`${path} is ${describe(other)}, expected ${describe(reference)}`);
}

/** What `other` lacks or has beyond `reference` (English); [] when they match. */
export function wordingProblems(reference: Wording, other: Wording): string[] {
  const problems: string[] = [];
  const { language: _r, ...ref } = reference;
  const { language, ...mine } = other;
  void _r;
  compare(language, ref, mine, language, problems);
  return problems;
}
