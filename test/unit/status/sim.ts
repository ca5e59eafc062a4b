// A simulated clock for the status machine: one call per day, collecting what a pipeline would store
// (state, transitions, outbox upserted by id).
import { type Area, AREAS, type IsoDate, type Track } from '../../../shared/domain/facts/types.js';
import { addDays } from '../../../shared/domain/status/days.js';
import { advanceDesignations, type AdvanceResult } from '../../../shared/domain/status/machine.js';
import { type OutboxEntry } from '../../../shared/domain/status/outbox.js';
import { type AreaResult, type DesignationState, type EnrollmentFact, type Transition } from '../../../shared/domain/status/types.js';

export interface DayOptions {
  /** Areas that qualify this day (total 75); the others score 50 and do not qualify. */
  qualifies?: readonly Area[];
  fact?: EnrollmentFact | null;
  classified?: Track;
}

export function results(qualifies: readonly Area[] = []): Record<Area, AreaResult> {
  const out = {} as Record<Area, AreaResult>;
  for (const area of AREAS) out[area] = qualifies.includes(area) ? { total: 75, qualifies: true } : { total: 50, qualifies: false };
  return out;
}

export function fact(observed: IsoDate, anniversary: IsoDate | null, areas: Area[], azureTrack: Track | null = null): EnrollmentFact {
  return { anniversary, areas, azureTrack, observedAt: `${observed}T06:00:00.000Z`, source: 'partner-center' };
}

export class Sim {
  state: DesignationState | null = null;
  /** Every transition returned, in order. */
  transitions: Transition[] = [];
  /** Every outbox entry returned, in order (duplicates would show here). */
  entries: OutboxEntry[] = [];
  last: AdvanceResult | null = null;

  constructor(readonly partnerId = 'p1') {}

  day(today: IsoDate, options: DayOptions = {}): AdvanceResult {
    const r = advanceDesignations(this.state, {
      partnerId: this.partnerId,
      today,
      areaResults: results(options.qualifies),
      classifiedAzureTrack: options.classified ?? 'enterprise',
      enrollmentFact: options.fact ?? null,
    });
    this.state = r.state;
    this.transitions.push(...r.transitions);
    this.entries.push(...r.outbox);
    this.last = r;
    return r;
  }

  /** Runs every day from `from` through `to` inclusive. */
  days(from: IsoDate, to: IsoDate, options: (day: IsoDate) => DayOptions = () => ({})): void {
    for (let d = from; d <= to; d = addDays(d, 1)) this.day(d, options(d));
  }

  status(area: Area): string {
    if (!this.state) throw new Error('no state yet');
    return this.state.areas[area].status;
  }

  transitionsOf(area: Area): Transition[] {
    return this.transitions.filter((t) => t.area === area);
  }

  /** Every transition has exactly one outbox entry with its id; no id twice. */
  expectOneEntryPerTransition(): void {
    const ids = this.entries.map((e) => e.id);
    if (new Set(ids).size !== ids.length)
      throw new Error(`duplicate outbox ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    const transitionEntries = this.entries.filter((e) => e.kind !== 'renewal-reminder');
    if (transitionEntries.length !== this.transitions.length) {
      throw new Error(`${this.transitions.length} transitions but ${transitionEntries.length} transition entries`);
    }
    for (const t of this.transitions) {
      if (transitionEntries.filter((e) => e.id === t.id).length !== 1) throw new Error(`transition ${t.id} has no single entry`);
    }
  }
}
