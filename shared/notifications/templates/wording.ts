// The shape of one language's wording. Every sentence is data: a string with {placeholders} that the
// renderer fills (and HTML-escapes). Which sentence is used (eligible or not, before or inside the
// renewal window, with or without a known anniversary) is decided in render.ts, never here.
//
// Placeholders available to every sentence:
//   {partner} partner name, {partnerId}, {designation} "Solutions Partner for <area>", {area} the
//   solution area's name, {status} the status label, {day} the day of the event, {reference} entry id.
// When the entry has an anniversary: {anniversary}, {renewStart}, {renewEnd} (the 30-day renewal
// window), {eligStart}, {eligEnd} (days on which qualifying makes the area eligible to renew),
// {qualifyBy} (the last day qualifying still helps: the earlier of eligEnd and renewEnd).
// qualified: {enrollBy} (last day the qualifying day keeps the area Qualified), {previousMonths}.
// renewal-reminder: {daysUntil} ("60 days") before the anniversary, {daysLeft} inside the window.
import type { Area } from '../../domain/facts/types.js';
import type { OutboxKind } from '../../domain/status/outbox.js';
import type { Status } from '../../domain/status/types.js';

export interface Paragraphs {
  subject: string;
  /** Opening paragraph(s): what happened. */
  intro: string[];
}

export interface Wording {
  /** Base language (`en`, `de`, `fr`): the part of a preferredLanguage tag that selects this wording. */
  language: string;
  /** Partner Center's status names in this language. */
  statusLabels: Record<Status, string>;
  /** Solution area names; Partner Center's English names are the default (see areas.ts). */
  areaNames?: Partial<Record<Area, string>>;
  /** The designation's name, from {area}. */
  designation: string;
  /** Plural forms for a number of days ({n}), chosen with Intl.PluralRules. */
  days: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  greeting: string;
  closing: string;
  /** Why the reader gets this mail, and the reference. */
  footer: string;
  labels: {
    designation: string;
    status: string;
    day: string;
    anniversary: string;
    renewalWindow: string;
    /** A date range: {start}, {end}. */
    range: string;
    /** One line of the plain-text details: {label}, {value}. */
    line: string;
  };
  /** Anniversary-dependent sentences when the entry has no anniversary. */
  noAnniversary: string;
  /** For an entry whose kind needs an anniversary but has none (should not happen; never fails). */
  generic: { subject: string; intro: string };
  /** Whether the area can be renewed (renewal-due and renewal reminders). */
  eligibility: { eligible: string; notYetEligible: string; unknown: string };
  kinds: {
    qualified: Paragraphs & { next: string };
    'no-longer-qualified': Paragraphs & { next: string };
    enrolled: Paragraphs & { automatic: string; dates: string; next: string };
    'renewal-due': Paragraphs;
    renewed: Paragraphs & { dates: string; next: string };
    lapsed: Paragraphs & { lost: string; next: string };
    'enrollment-withdrawn': Paragraphs & { dates: string; next: string };
    'renewal-reminder': {
      subjectBefore: string;
      subjectInWindow: string;
      before: string;
      inWindow: string;
    };
  };
}

// Compile-time check that every outbox kind has wording.
type Missing = Exclude<OutboxKind, keyof Wording['kinds']>;
const _everyKind: Missing extends never ? true : never = true;
void _everyKind;
