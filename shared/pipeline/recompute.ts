// Use case: recompute one partner. Read its facts, decide the day (scoring-day.ts), score all six
// areas, advance the designation status machine, and write the hot state document on its ETag
// (read-modify-write: on a lost race read again and redo it all, bounded). Transitions and outbox
// entries go in that same write; cold documents (history months, explanations, guidance; hot-state.ts)
// are written just before it, and only when their content changed. Then the outbox dispatch (dispatch.ts).
//
// Two ways to read the facts:
// - change path (`options.changed`, from apply.ts): the profile, the state and the documents the message
//   touched, read by apply.ts in the same query as its own reads; the facts come from the state's facts
//   aggregate with those documents' contributions replaced (facts-aggregate.ts). No other document is
//   read, whatever the partner's size. The explanations are not written (readers recompute stale ones,
//   explanations.ts). Falls back to the full path when the aggregate cannot be used (none yet, a version-1
//   state, or the profile's snapshot watermarks changed).
// - full path (nightly, partner-recompute, first sight): one query for every fact document; the aggregate
//   is rebuilt from them and, when the stored one should have agreed and did not, that is logged (repaired
//   by this write).
//
// Store cost, whatever the number of partners: change path 1 state write (its reads are apply.ts's one
// query); full path 1 query page + 1 state write (+ explanations when their content changed, + a history
// month once a month); 1 more state write when there are notifications to mark dispatched; the nightly
// run (options.guidance) adds the guidance document when its content (apart from the day it ran)
// changed. A run that changes nothing (same day, same facts, nothing to dispatch) writes nothing.
import { type PartnerDoc, type ProfileDoc, profileDocId } from '../domain/changes/docs.js';
import { buildFacts } from '../domain/changes/facts.js';
import type { IsoDate, PartnerFacts } from '../domain/facts/types.js';
import { monthOf } from '../domain/status/days.js';
import { historyStart } from '../domain/status/history.js';
import { type Transition } from '../domain/status/types.js';
import type { Versioned } from '../ports/documentStore.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import { isWriteConflict } from '../store/conditional.js';
import { canonicallyEqual } from './canonical-fast.js';
import { contentHash } from './codec.js';
import { computePartner } from './compute.js';
import { type PipelineDeps, settingsOf, WriteContentionError } from './deps.js';
import { dispatchOutbox } from './dispatch.js';
import { explanationsContentHash, explanationsDoc } from './explanations.js';
import {
  boundedAggregate,
  buildAggregate,
  type FactsAggregate,
  factsFromAggregate,
  storeAggregate,
  usableAggregate,
  withDocuments,
} from './facts-aggregate.js';
import { atRiskEntries, atRiskSummary, computeGuidance, GUIDANCE_DOC_ID, type GuidanceDoc } from './guidance.js';
import { emptyColdIndex, historyDocId, type HistoryMonthDoc, splitHistory } from './hot-state.js';
import { hasFacts, PartnerRepository } from './partner-repository.js';
import { scoringDay } from './scoring-day.js';
import { boundTransitions, type ExplanationsDoc, mergeOutbox, type PartnerStateDoc, partnerSummary, STATE_DOC_ID } from './state-doc.js';

export interface RecomputeOptions {
  /** Set when a change was just applied: recorded as the state's lastChangeAt. */
  changedAt?: string;
  reason?: string;
  logger?: Logger;
  /**
   * Also compute the guidance (forecasts, plans, at-risk areas and their mails): the nightly run does,
   * the change path does not (it only records today's result in the state write it makes anyway).
   */
  guidance?: boolean;
  /** The change path (see the header): what apply.ts read and wrote. */
  changed?: ChangedDocuments;
}

/** The documents a change message touched, as they stand after it was applied. */
export interface ChangedDocuments {
  /** Ids of the fact documents the message touched (the profile included when it did). */
  ids: readonly string[];
  /** What apply.ts read (the state as before) and wrote: used by the first attempt; later ones read again. */
  first?: {
    profile: ProfileDoc | null;
    state: Versioned<PartnerStateDoc> | null;
    docs: ReadonlyArray<{ id: string; doc: PartnerDoc | null }>;
  };
}

interface Gathered {
  profile: ProfileDoc | null;
  state: Versioned<PartnerStateDoc> | null;
  aggregate: FactsAggregate;
  /** buildFacts' output for the partner's documents as of `asOf`. */
  facts: PartnerFacts;
  full: boolean;
}

export interface RecomputeOutcome {
  partnerId: string;
  /** no-partner: no fact documents stored (nothing written). unchanged: the stored state already was this. */
  outcome: 'recomputed' | 'unchanged' | 'no-partner';
  today?: IsoDate;
  asOf?: IsoDate;
  transitions: Transition[];
  /** Outbox ids sent to the notifications queue by this run. */
  dispatched: string[];
  attempts: number;
  state?: PartnerStateDoc;
}

export async function recomputePartner(deps: PipelineDeps, partnerId: string, options: RecomputeOptions = {}): Promise<RecomputeOutcome> {
  const settings = settingsOf(deps);
  const logger = options.logger ?? silentLogger;
  const repo = new PartnerRepository(deps);

  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const now = deps.clock.now();
    const { today, asOf } = scoringDay(now, settings.dataCompleteDay);
    const gathered = await gather(repo, partnerId, asOf, attempt, options.changed, logger);
    if (!gathered) {
      logger.log(`${partnerId}: no stored facts, nothing to recompute`);
      return { partnerId, outcome: 'no-partner', transitions: [], dispatched: [], attempts: attempt };
    }
    const { profile } = gathered;
    const prev = gathered.state?.doc ?? null;
    const computed = computePartner({
      partnerId,
      profile,
      customers: [],
      people: [],
      facts: gathered.facts,
      explain: gathered.full,
      previous: prev?.designations ?? null,
      today,
      asOf,
      rules: settings.rules,
      dataCompleteDay: settings.dataCompleteDay,
    });
    const { advance } = computed;
    const guidance = options.guidance ? computeGuidance(computed.facts, computed.score, advance.state, today, settings.rules) : null;
    const atRisk = guidance ? atRiskSummary(guidance) : (prev?.atRisk ?? {});
    const fresh = guidance ? [...advance.outbox, ...atRiskEntries(partnerId, atRisk, advance.state, today)] : advance.outbox;
    const split = splitHistory(advance.state);
    const prevCold = prev?.cold ?? emptyColdIndex();
    const cold = { ...prevCold, historyMonths: { ...prevCold.historyMonths } };
    const keepFrom = monthOf(historyStart(advance.state.lastDay));
    const dropMonths = Object.keys(cold.historyMonths).filter((m) => m < keepFrom);
    for (const m of dropMonths) delete cold.historyMonths[m];
    const monthDocs: HistoryMonthDoc[] = [];
    for (const [month, areas] of split.coldMonths) {
      if (month < keepFrom) continue;
      const hash = contentHash(areas);
      if (cold.historyMonths[month] === hash) continue;
      cold.historyMonths[month] = hash;
      monthDocs.push({ id: historyDocId(month), docType: 'history', partnerId, month, areas });
    }
    const rulesVersion = computed.score.rulesVersion;
    // The explanations are rewritten only when their content changed: the same ones usually hold night
    // after night while only the as-of day moves (60 KB for a 20-customer partner: most of a night's RU).
    const explanationsOutdated =
      gathered.full &&
      (prevCold.explanations?.factsVersion !== computed.factsVersion || prevCold.explanations.rulesVersion !== rulesVersion);
    const newExplanations = explanationsOutdated
      ? explanationsDoc(partnerId, computed.explanations, asOf, today, computed.factsVersion)
      : null;
    let explanationsToWrite: ExplanationsDoc | null = null;
    if (newExplanations) {
      const hash = explanationsContentHash(newExplanations);
      if (prevCold.explanations?.rulesVersion !== rulesVersion || prevCold.explanations.contentHash !== hash)
        explanationsToWrite = newExplanations;
      cold.explanations = { factsVersion: computed.factsVersion, rulesVersion, contentHash: hash };
    }
    const guidanceDoc: GuidanceDoc | null = guidance
      ? { id: GUIDANCE_DOC_ID, docType: 'guidance', partnerId, asOf, today, factsVersion: computed.factsVersion, ...guidance }
      : null;
    // Hashed without `today`: on the nights the as-of day holds (from the 1st until the month's data is
    // complete) the guidance is the same and is not rewritten; `today` stays the first night that made it.
    const guidanceHash = guidanceDoc ? contentHash({ ...guidanceDoc, today: null }) : null;
    const guidanceStale = guidanceHash !== null && guidanceHash !== prevCold.guidance;
    if (guidanceStale) cold.guidance = guidanceHash;

    const next: PartnerStateDoc = {
      id: STATE_DOC_ID,
      docType: 'state',
      partnerId,
      schemaVersion: 2,
      designations: split.hot,
      transitions: boundTransitions([...(prev?.transitions ?? []), ...advance.transitions]),
      outbox: mergeOutbox(prev?.outbox ?? [], fresh),
      atRisk,
      score: computed.score,
      scoring: {
        today,
        asOf,
        enrollment: computed.facts.enrollment,
        classifiedAzureTrack: computed.classifiedAzureTrack,
        rulesVersion,
      },
      factsVersion: computed.factsVersion,
      lastChangeAt: options.changedAt ?? prev?.lastChangeAt ?? null,
      computedAt: now.toISOString(),
      summary: partnerSummary(profileName(profile), advance.state, computed.score, atRisk),
      cold,
      aggregate: boundedAggregate(storeAggregate(gathered.aggregate, profile), settings.maxAggregateChars),
    };

    let written: Versioned<PartnerStateDoc>;
    let outcome: RecomputeOutcome['outcome'];
    if (gathered.state && sameState(gathered.state.doc, next)) {
      written = gathered.state;
      outcome = 'unchanged';
    } else {
      // Cold documents first: should the process die before the state (written last), the redelivery
      // recomputes from the same stored state and writes them again.
      for (const doc of monthDocs) await repo.upsertHistoryMonth(doc);
      if (explanationsToWrite) await repo.upsertExplanations(explanationsToWrite);
      if (guidanceDoc && guidanceStale) await repo.upsertGuidance(guidanceDoc);
      try {
        written = await repo.writeState(next, gathered.state?.etag ?? null);
      } catch (err) {
        if (!isWriteConflict(err)) throw err;
        logger.log(`${partnerId}: state changed meanwhile (attempt ${attempt}), recomputing again`);
        continue;
      }
      outcome = 'recomputed';
      for (const month of dropMonths) {
        await repo
          .deleteHistoryMonth(partnerId, month)
          .catch((err: unknown) => logger.warn(`${partnerId}: history ${month} not deleted: ${String(err)}`));
      }
    }

    const dispatched = await dispatchOutbox(
      { bus: deps.bus, clock: deps.clock, maxAttempts: settings.maxAttempts, mailSettleSeconds: settings.mailSettleSeconds },
      repo,
      written,
      profile,
      logger,
    );
    const moved = advance.transitions.map((t) => `${t.area} ${t.from}→${t.to} (${t.cause})`).join(', ');
    logger.log(
      `${partnerId}: ${outcome} for ${today} (scored as of ${asOf})` +
        (options.reason ? ` [${options.reason}]` : '') +
        (moved ? `; transitions: ${moved}` : ''),
    );
    return { partnerId, outcome, today, asOf, transitions: advance.transitions, dispatched, attempts: attempt, state: written.doc };
  }
  throw new WriteContentionError(`recompute ${partnerId}`, settings.maxAttempts);
}

/**
 * The facts: on the change path from the aggregate and the touched documents, else from every document.
 * Undefined when the partner has no stored facts.
 */
async function gather(
  repo: PartnerRepository,
  partnerId: string,
  asOf: IsoDate,
  attempt: number,
  changed: ChangedDocuments | undefined,
  logger: Logger,
): Promise<Gathered | undefined> {
  if (changed) {
    const read = attempt === 1 && changed.first ? changed.first : await readTouched(repo, partnerId, changed.ids);
    const aggregate = read.state ? usableAggregate(read.state.doc.aggregate, read.profile) : null;
    if (aggregate && read.state) {
      const next = withDocuments(aggregate, read.profile, read.docs);
      return {
        profile: read.profile,
        state: read.state,
        aggregate: next,
        facts: factsFromAggregate(next, read.profile, asOf, partnerId),
        full: false,
      };
    }
  }
  const loaded = await repo.load(partnerId);
  if (!hasFacts(loaded)) return undefined;
  const profile = loaded.profile?.doc ?? null;
  const customers = loaded.customers.map((c) => c.doc);
  const people = loaded.people.map((p) => p.doc);
  const aggregate = buildAggregate(profile, customers, people);
  const stored = loaded.state?.doc.aggregate;
  if (stored && usableAggregate(stored, profile) && stored.hash !== storeAggregate(aggregate, profile).hash) {
    logger.warn(
      `${partnerId}: the facts aggregate in the state (${stored.customers} customer(s), ${stored.people} person(s)) disagreed with the ` +
        `documents (${customers.length} customer(s), ${people.length} person(s)); rebuilt from the documents`,
    );
  }
  return { profile, state: loaded.state, aggregate, facts: buildFacts(profile, customers, people, asOf, partnerId), full: true };
}

/** The profile, the state and the touched documents, in one query. */
async function readTouched(
  repo: PartnerRepository,
  partnerId: string,
  ids: readonly string[],
): Promise<NonNullable<ChangedDocuments['first']>> {
  const found = await repo.documentsById(partnerId, [...new Set([profileDocId(), STATE_DOC_ID, ...ids])]);
  const state = found.get(STATE_DOC_ID);
  return {
    profile: (found.get(profileDocId())?.doc as ProfileDoc | undefined) ?? null,
    state: state ? { doc: state.doc as PartnerStateDoc, etag: state.etag } : null,
    docs: ids.filter((id) => id !== profileDocId()).map((id) => ({ id, doc: (found.get(id)?.doc as PartnerDoc | undefined) ?? null })),
  };
}

/** The profile's name as the API shows it (absent, deleted or blank: null). */
function profileName(profile: ProfileDoc | null): string | null {
  const name = profile?.name;
  return name && !name.deleted && typeof name.value === 'string' && name.value.trim() !== '' ? name.value : null;
}

/** Same stored content apart from when it was computed (so a repeat run writes nothing). */
function sameState(a: PartnerStateDoc, b: PartnerStateDoc): boolean {
  return canonicallyEqual({ ...a, computedAt: null }, { ...b, computedAt: null });
}
