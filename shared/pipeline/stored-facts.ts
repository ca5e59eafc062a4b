// A stored partner's facts in the scoring contract's input format, exactly as the pipeline last scored
// them: asOf = the state's scoring asOf, enrollment as passed to the scorer. `pcs facts` prints them and
// the demo re-scores them, so `pcs score` on them reproduces the stored totals.
import { canonicalJson, sha256Hex } from '../domain/changes/canonical.js';
import { buildFacts } from '../domain/changes/facts.js';
import type { IsoDate, PartnerFacts } from '../domain/facts/types.js';
import type { LoadedPartner } from './partner-repository.js';
import type { PartnerStateDoc } from './state-doc.js';

export interface FactsAsScored {
  facts: PartnerFacts;
  state: PartnerStateDoc | undefined;
  /** True when the facts changed after the last recompute (the stored score is older than them). */
  changedSinceScored: boolean;
}

/** `fallbackAsOf` applies to a partner that was never recomputed. */
export function factsAsScored(loaded: LoadedPartner, partnerId: string, fallbackAsOf: IsoDate): FactsAsScored {
  const state = loaded.state?.doc;
  const base = buildFacts(
    loaded.profile?.doc ?? null,
    loaded.customers.map((c) => c.doc),
    loaded.people.map((p) => p.doc),
    state?.scoring.asOf ?? fallbackAsOf,
    partnerId,
  );
  const facts: PartnerFacts = { ...base, enrollment: state ? state.scoring.enrollment : base.enrollment };
  return { facts, state, changedSinceScored: state !== undefined && sha256Hex(canonicalJson(facts)) !== state.factsVersion };
}
