// Settling: a notification waits MAIL_SETTLE_SECONDS on the queue (scheduled), then is mailed only if
// the state it tells still holds. Pushes that flip an area back and forth within the delay send no pair
// of mails: what is mailed is the settled state. Pure: decides from the stored state document.
//
// For a status mail (one per transition) of area a, looking at a's transition entries in the outbox in
// the order they were made:
//   - a later transition of a exists → superseded (that later one decides);
//   - else the run of transitions before it, each made within the delay of the next, started from the
//     status it ends in (qualified → in progress → qualified → in progress) → reverted: nothing to tell;
//   - else send.
// At-risk mails are sent only while the stored state still lists the area at risk. Reminders always.
import type { Area, IsoDate } from '../facts/types.js';
import { type OutboxKind, TRANSITION_KINDS } from './outbox.js';
import type { Status, Transition } from './types.js';

export interface SettleEntry {
  id: string;
  area: Area;
  kind: OutboxKind;
  status: Status;
  /** When the entry was handed to the queue (≈ when the transition was made); null if not yet marked. */
  dispatchedAt: string | null;
}

export interface SettleState {
  outbox: readonly SettleEntry[];
  transitions: readonly Pick<Transition, 'id' | 'from' | 'to'>[];
  /** Areas the last nightly run found at risk, with the month it was for. */
  atRisk?: Partial<Record<Area, { month: string }>> | null;
}

export type SettleVerdict = { send: true } | { send: false; reason: 'superseded' | 'reverted' | 'no-longer-at-risk' };

function timeOf(e: SettleEntry, now: number): number {
  const t = e.dispatchedAt === null ? Number.NaN : Date.parse(e.dispatchedAt);
  return Number.isNaN(t) ? now : t;
}

export function settleVerdict(
  entry: { id: string; area: Area; kind: OutboxKind; day: IsoDate; status: Status },
  state: SettleState,
  settleSeconds: number,
  now: Date,
): SettleVerdict {
  if (entry.kind === 'at-risk') {
    return state.atRisk?.[entry.area]?.month === entry.day.slice(0, 7) ? { send: true } : { send: false, reason: 'no-longer-at-risk' };
  }
  if (!TRANSITION_KINDS.has(entry.kind) || settleSeconds <= 0) return { send: true };
  const run = state.outbox.filter((e) => e.area === entry.area && TRANSITION_KINDS.has(e.kind));
  const at = run.findIndex((e) => e.id === entry.id);
  // An entry the state no longer holds (pruned long ago) is told as it was queued.
  if (at === -1) return { send: true };
  if (at < run.length - 1) return { send: false, reason: 'superseded' };
  const clock = now.getTime();
  let first = at;
  while (first > 0 && timeOf(run[first]!, clock) - timeOf(run[first - 1]!, clock) <= settleSeconds * 1000) first--;
  const startedFrom = state.transitions.find((t) => t.id === run[first]!.id)?.from;
  return startedFrom === entry.status && first < at ? { send: false, reason: 'reverted' } : { send: true };
}
