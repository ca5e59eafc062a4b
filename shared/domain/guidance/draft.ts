// A plan action while the search builds it, and the context candidate generators read.
import type { PartnerFacts } from '../facts/types.js';
import type { PartnerUsage } from '../scoring/partner-usage.js';
import type { CountedPerson } from '../scoring/people.js';
import type { Evaluation, PlanWorld } from './plan-state.js';
import type { PlanAction } from './types.js';

/** An action whose amount may shrink (usage): rebuilds the same action with a smaller amount. */
export interface Resizable {
  amount: number;
  /** Smallest step of the amount: 0.01 USD, 1 user. */
  granularity: number;
  build(amount: number): Draft;
}

export interface Draft extends PlanAction {
  resize?: Resizable;
  /** Which step of a step-gated metric a certification fills ("gate 1 of 2"), for the sentence. */
  step?: string | null;
  /** New customers: the same action for another new tenant id (several new customers at once). */
  renew?: (tenantId: string) => Draft;
}

/** One candidate = one or more single steps evaluated together (look-ahead over step gates). */
export type Candidate = Draft[];

export interface GenContext {
  world: PlanWorld;
  facts: PartnerFacts;
  usage: PartnerUsage;
  people: CountedPerson[];
  evaluation: Evaluation;
  tenants: ReadonlySet<string>;
  personIds: ReadonlySet<string>;
}
