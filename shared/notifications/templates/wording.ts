// The shape of one language's wording. Every sentence is data: a string with {placeholders} that the
// renderer fills (and HTML-escapes). Which sentence is used (eligible or not, before or inside the
// renewal window, with or without a known anniversary, with or without a MailContext) is decided in
// render.ts, never here. parity.ts checks that every translation has every string of English with the
// same placeholders.
//
// Placeholders available to every sentence:
//   {partner} partner name, {partnerId}, {designation} "Solutions Partner for <area>", {area} the
//   solution area's name, {status} the status label, {day} the day of the event, {reference} entry id,
//   {threshold} the qualifying total (70).
// When the entry has an anniversary: {anniversary}, {renewStart}, {renewEnd} (the 30-day renewal
// window), {eligStart}, {eligEnd} (days on which qualifying makes the area eligible to renew),
// {qualifyBy} (the last day qualifying still helps: the earlier of eligEnd and renewEnd).
// qualified: {enrollBy} (last day the qualifying day keeps the area Qualified), {previousMonths}.
// renewal-reminder: {daysUntil} ("60 days") before the anniversary, {daysLeft} inside the window.
// With a MailContext: {asOf}, {today}, {track}, {total} (one decimal), {windowStart}, {windowEnd};
// at-risk: {forecastDay}, {forecastTotal}, {metric} (the metric that drops), {metricPoints}, {metricMax}.
// Plan actions (plan.*) get {metric} (the action's metric) and the action's own fields (see render.ts).
// claim-competing (the recipient's own claim; the other partner is never named): {claimId}, {claim} (the
// id with the claim's name), {customer} (domain and tenant), {customerShort} (domain, else tenant),
// {workloads} (the workloads both claims name, as a list), {solutionArea}, {claimStatus}, {since} (the
// day the competition was found), {actionRequired} (the claim status label of Partner action required).
import type { ClaimStatus } from '../../domain/claims/types.js';
import type { Area, Track } from '../../domain/facts/types.js';
import type { MetricName } from '../../domain/scoring/types.js';
import type { OutboxKind } from '../../domain/status/outbox.js';
import type { Status } from '../../domain/status/types.js';

export interface Paragraphs {
  subject: string;
  /** Opening paragraph(s): what happened. */
  intro: string[];
}

/** Plural forms of one phrase with {n}, chosen with Intl.PluralRules (the language's categories, `other` always). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export interface Wording {
  /** Base language (`en`, `de`, `fr`, `ja`, `nl`): the part of a preferredLanguage tag that selects this wording. */
  language: string;
  /** Partner Center's status names in this language. */
  statusLabels: Record<Status, string>;
  /** Solution area names; Partner Center's English names are the default (see areas.ts). */
  areaNames?: Partial<Record<Area, string>>;
  /** The scoring metrics as Partner Center names them. */
  metricNames: Record<MetricName, string>;
  /** The Azure track an area is scored on. */
  trackNames: Record<Track, string>;
  /** The designation's name, from {area}. */
  designation: string;
  /** A number of days ({n}). */
  days: PluralForms;
  /** Usage amounts in plan actions ({n}); USD amounts are formatted by Intl as currency. */
  units: { activeUsers: PluralForms; paidSeats: PluralForms };
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
    /** Heading of the score list: {asOf}. */
    score: string;
    track: string;
    total: string;
    /** The total against the threshold: {total}, {threshold}. */
    totalValue: string;
    /** One metric: {points} of {max}. */
    metricValue: string;
    /** The window deciding the status when not enrolled. */
    qualificationWindow: string;
    /** The window deciding renewal when enrolled. */
    eligibilityWindow: string;
  };
  /** Anniversary-dependent sentences when the entry has no anniversary. */
  noAnniversary: string;
  /** For an entry whose kind needs an anniversary but has none (should not happen; never fails). */
  generic: { subject: string; intro: string };
  /** Whether the area can be renewed (renewal-due and renewal reminders). */
  eligibility: { eligible: string; notYetEligible: string; unknown: string };
  /** The plan from the MailContext, one line per action, worded from the action's structured detail. */
  plan: {
    /** Heading of the steps that would reach {threshold}. */
    reach: string;
    /** Heading of the steps that would hold {threshold} next month (at-risk). */
    hold: string;
    /** No plan within the planner's bounds reaches {threshold}. */
    notFound: string;
    /** No plan within the planner's bounds holds {threshold} (at-risk). */
    notFoundHold: string;
    /** At-risk with an empty plan. */
    noneNeeded: string;
    /** {certification}, {personId}. */
    certification: string;
    /** {certification}; a person not yet linked to the partner. */
    certificationNewPerson: string;
    /** {tenantId}, {association}, {name} (service or workload), {amount}, {month}. */
    newCustomer: string;
    moreUsage: string;
    newDeployment: string;
  };
  kinds: {
    qualified: Paragraphs & { next: string };
    'no-longer-qualified': Paragraphs & { next: string };
    enrolled: Paragraphs & {
      automatic: string;
      /** Anniversary ahead. */
      dates: string;
      /** Enrollment first seen after its anniversary, inside the renewal window. */
      datesInWindow: string;
      /** Enrollment first seen after its anniversary and renewal window. */
      datesPast: string;
      /** Anniversary ahead, the area does not qualify today (or no context). */
      next: string;
      /** Anniversary ahead, the area qualifies today, before the eligibility window. */
      nextQualifies: string;
      /** Anniversary ahead, the area qualifies today, inside the eligibility window. */
      nextEligible: string;
    };
    'renewal-due': Paragraphs;
    renewed: Paragraphs & { dates: string; next: string };
    /** nextQualifies: the area qualifies today (context), so buying the offer anew is all that is left. */
    lapsed: Paragraphs & { lost: string; next: string; nextQualifies: string };
    'enrollment-withdrawn': Paragraphs & { dates: string; next: string };
    'renewal-reminder': {
      subjectBefore: string;
      subjectInWindow: string;
      before: string;
      inWindow: string;
    };
    'at-risk': Paragraphs & {
      /** {forecastDay}, {forecastTotal}, {total}, {metric}. */
      forecast: string;
      /** As forecast, with today's {metricPoints} of {metricMax} for the metric that drops. */
      forecastMetric: string;
      /** What falling below the threshold does (and does not do). */
      meaning: string;
      /** Without a context or plan. */
      next: string;
    };
    /** Another partner's claim on the same customer workload (§4.2): told to both partners, about their own claim. */
    'claim-competing': Paragraphs & {
      /** Heading of the claim's details. */
      claimTitle: string;
      labels: { claim: string; customer: string; workloads: string; solutionArea: string; claimStatus: string };
      /** {claimId} with the claim's {name}. */
      claimNamed: string;
      /** The customer: {domain}, {tenantId}. */
      customerDomain: string;
      /** The customer without a known domain: {tenantId}. */
      customerTenant: string;
      /** Business Applications: {workloads} and {subscriptionId}. */
      workloadSubscription: string;
      /** What the association counts toward. */
      stake: string;
      /** The claim is not decided yet (submitted, under review, partner action required, dispute). */
      nextUndecided: string;
      /** The claim is approved (the association counts until Microsoft decides otherwise). */
      nextApproved: string;
      /** The claim is a draft. */
      nextDraft: string;
      /** What the partner can do: the proof of execution. */
      canDo: string;
      /** Partner Center's claim statuses (plus our `expired`). */
      statusLabels: Record<ClaimStatus, string>;
    };
  };
}

// Compile-time check that every outbox kind has wording.
type Missing = Exclude<OutboxKind, keyof Wording['kinds']>;
const _everyKind: Missing extends never ? true : never = true;
void _everyKind;
