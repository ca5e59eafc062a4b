// The partner's explanations (which tenants and people counted for each metric, and why others did not)
// as of its last score. They live in the cold `explanations` document, written by full recomputes when
// the facts or the rules changed; the change path does not write them (hot-state.ts), so a reader finds
// the stored document stale after a change and recomputes them here from the facts as scored — from the
// state's facts aggregate when it can be used (no other document read), else from every document.
import { canonicalJson, sha256Hex } from '../domain/changes/canonical.js';
import { type ProfileDoc, profileDocId } from '../domain/changes/docs.js';
import type { Area, IsoDate, PartnerFacts } from '../domain/facts/types.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import { currentRules } from '../domain/rules/load.js';
import { scorePartner } from '../domain/scoring/score-partner.js';
import { contentHash } from './codec.js';
import { factsFromAggregate, usableAggregate } from './facts-aggregate.js';
import { PartnerRepository, type PartnerStore } from './partner-repository.js';
import { EXPLANATIONS_DOC_ID, EXPLANATIONS_MAX_BYTES, type ExplanationsDoc } from './state-doc.js';
import { factsAsScored } from './stored-facts.js';

/** The explanations document for these explanations, or its summary when they are over EXPLANATIONS_MAX_BYTES. */
export function explanationsDoc(
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

/**
 * What decides whether the stored explanations document must be rewritten: its content without the days
 * and facts version (the same explanations hold day after day while only the as-of day moves).
 */
export function explanationsContentHash(doc: Pick<ExplanationsDoc, 'explanations' | 'omitted'>): string {
  return contentHash({ explanations: doc.explanations, omitted: doc.omitted });
}

/**
 * The explanations of the partner's last score; the stored document when it is of that score's facts
 * (its own factsVersion, or the state's cold index says the last full recompute found the same content),
 * else computed. Undefined when the partner has neither a state nor an explanations document.
 */
export async function currentExplanations(
  partners: PartnerStore,
  partnerId: string,
  rules: RuleCatalog = currentRules(),
): Promise<ExplanationsDoc | undefined> {
  const repo = new PartnerRepository(partners);
  const [state, stored] = await Promise.all([repo.readState(partnerId), repo.readExplanations(partnerId)]);
  if (!state) return stored;
  const s = state.doc;
  const index = s.cold?.explanations;
  const current =
    stored &&
    (stored.factsVersion === s.factsVersion ||
      (index?.factsVersion === s.factsVersion && index.contentHash !== undefined && index.contentHash === explanationsContentHash(stored)));
  if (current) return { ...stored, asOf: s.scoring.asOf, today: s.scoring.today, factsVersion: s.factsVersion };
  const profile = (await repo.readDoc<ProfileDoc>(partnerId, profileDocId()))?.doc ?? null;
  const aggregate = usableAggregate(s.aggregate, profile);
  let facts: PartnerFacts;
  if (aggregate) facts = { ...factsFromAggregate(aggregate, profile, s.scoring.asOf, partnerId), enrollment: s.scoring.enrollment };
  else facts = factsAsScored(await repo.load(partnerId), partnerId, s.scoring.asOf).facts;
  const scores = scorePartner(facts, rules, facts.asOf, { explain: true });
  return explanationsDoc(
    partnerId,
    scores.explanations ?? ({} as Record<Area, unknown>),
    s.scoring.asOf,
    s.scoring.today,
    sha256Hex(canonicalJson(facts)),
  );
}
