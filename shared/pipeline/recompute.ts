// Use case: recompute one partner. Load its documents (one single-partition query), decide the day
// (scoring-day.ts), build facts, score all six areas, advance the designation status machine, and
// write the state document on its ETag (read-modify-write: on a lost race reload and redo it all,
// bounded). Transitions and outbox entries go in that same write; the explanations document (an
// unconditional upsert) is written just before it. Then the outbox dispatch (dispatch.ts).
//
// Store cost per recompute, whatever the number of partners: 1 query page (load), 1 state write,
// 1 explanations upsert, and 1 more state write when there are notifications to mark dispatched; the
// nightly run (options.guidance) adds 1 upsert of the guidance document. A run
// that changes nothing (same day, same facts, nothing to dispatch) writes nothing.
import { canonicalJson } from '../domain/changes/canonical.js';
import type { ProfileDoc } from '../domain/changes/docs.js';
import type { Area, IsoDate } from '../domain/facts/types.js';
import type { Transition } from '../domain/status/index.js';
import type { Versioned } from '../ports/index.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import { isWriteConflict } from '../store/conditional.js';
import { computePartner } from './compute.js';
import { type PipelineDeps, settingsOf, WriteContentionError } from './deps.js';
import { dispatchOutbox } from './dispatch.js';
import { atRiskEntries, atRiskSummary, computeGuidance, GUIDANCE_DOC_ID, type GuidanceDoc } from './guidance.js';
import { hasFacts, PartnerRepository } from './partner-repository.js';
import { scoringDay } from './scoring-day.js';
import {
  boundTransitions,
  EXPLANATIONS_DOC_ID,
  EXPLANATIONS_MAX_BYTES,
  type ExplanationsDoc,
  mergeOutbox,
  type PartnerStateDoc,
  partnerSummary,
  STATE_DOC_ID,
} from './state-doc.js';

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
  const repo = new PartnerRepository(deps.store);

  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const loaded = await repo.load(partnerId);
    if (!hasFacts(loaded)) {
      logger.log(`${partnerId}: no stored facts, nothing to recompute`);
      return { partnerId, outcome: 'no-partner', transitions: [], dispatched: [], attempts: attempt };
    }
    const now = deps.clock.now();
    const { today, asOf } = scoringDay(now, settings.dataCompleteDay);
    const prev = loaded.state?.doc ?? null;
    const computed = computePartner({
      partnerId,
      profile: loaded.profile?.doc ?? null,
      customers: loaded.customers.map((c) => c.doc),
      people: loaded.people.map((p) => p.doc),
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
    const next: PartnerStateDoc = {
      id: STATE_DOC_ID,
      docType: 'state',
      partnerId,
      schemaVersion: 1,
      designations: advance.state,
      transitions: boundTransitions([...(prev?.transitions ?? []), ...advance.transitions]),
      outbox: mergeOutbox(prev?.outbox ?? [], fresh),
      atRisk,
      score: computed.score,
      scoring: {
        today,
        asOf,
        enrollment: computed.facts.enrollment,
        classifiedAzureTrack: computed.classifiedAzureTrack,
        rulesVersion: computed.score.rulesVersion,
      },
      factsVersion: computed.factsVersion,
      lastChangeAt: options.changedAt ?? prev?.lastChangeAt ?? null,
      computedAt: now.toISOString(),
      summary: partnerSummary(profileName(loaded.profile?.doc ?? null), advance.state, computed.score, atRisk),
    };

    if (guidance) {
      const doc: GuidanceDoc = {
        id: GUIDANCE_DOC_ID,
        docType: 'guidance',
        partnerId,
        asOf,
        today,
        factsVersion: computed.factsVersion,
        ...guidance,
      };
      await repo.upsertGuidance(doc);
    }

    let written: Versioned<PartnerStateDoc>;
    let outcome: RecomputeOutcome['outcome'];
    if (loaded.state && sameState(loaded.state.doc, next)) {
      written = loaded.state;
      outcome = 'unchanged';
    } else {
      // Explanations first: should the process die between the two writes, the state (written last) is
      // recomputed by the redelivery, and an unchanged state always has its explanations stored.
      await repo.upsertExplanations(explanationsDoc(partnerId, computed.explanations, asOf, today, computed.factsVersion));
      try {
        written = await repo.writeState(next, loaded.state?.etag ?? null);
      } catch (err) {
        if (!isWriteConflict(err)) throw err;
        logger.log(`${partnerId}: state changed meanwhile (attempt ${attempt}), recomputing again`);
        continue;
      }
      outcome = 'recomputed';
    }

    const dispatched = await dispatchOutbox(
      { bus: deps.bus, clock: deps.clock, maxAttempts: settings.maxAttempts, mailSettleSeconds: settings.mailSettleSeconds },
      repo,
      written,
      loaded.profile?.doc ?? null,
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

/** The profile's name as the API shows it (absent, deleted or blank: null). */
function profileName(profile: ProfileDoc | null): string | null {
  const name = profile?.name;
  return name && !name.deleted && typeof name.value === 'string' && name.value.trim() !== '' ? name.value : null;
}

/** Same stored content apart from when it was computed (so a repeat run writes nothing). */
function sameState(a: PartnerStateDoc, b: PartnerStateDoc): boolean {
  return canonicalJson({ ...a, computedAt: null }) === canonicalJson({ ...b, computedAt: null });
}

function explanationsDoc(
  partnerId: string,
  explanations: Record<Area, unknown>,
  asOf: IsoDate,
  today: IsoDate,
  factsVersion: string,
): ExplanationsDoc {
  const doc: ExplanationsDoc = {
    id: EXPLANATIONS_DOC_ID,
    docType: 'explanations',
    partnerId,
    asOf,
    today,
    factsVersion,
    explanations: explanations as ExplanationsDoc['explanations'],
    omitted: null,
  };
  const bytes = Buffer.byteLength(JSON.stringify(doc), 'utf8');
  if (bytes <= EXPLANATIONS_MAX_BYTES) return doc;
  return {
    ...doc,
    explanations: null,
    omitted: `explanations were ${bytes} bytes, over the ${EXPLANATIONS_MAX_BYTES}-byte limit; run pcs facts | pcs score --explain`,
  };
}
