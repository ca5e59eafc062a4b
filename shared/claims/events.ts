// Use case: apply one claim event to the stored claim and tell the pipeline what it means for scoring.
//
// 1. Point-read the claim, apply the event (shared/domain/claims: lifecycle, idempotence by eventId,
//    late events), check uniqueness against the partner's other claims when the event creates the
//    claim, gives it new data, or re-activates it (a dispute).
// 2. Write on the ETag (create if new); a lost race re-reads and redoes (bounded).
// 3. The check in 1 is not atomic (two claims submitted at once both pass it): before the write, the
//    claim takes a key document per key (keys.ts: create-if-absent, taken over on its ETag when the
//    holder is no longer active); the second of two concurrent claims is refused (409, the reason).
//    After the write, keys of a claim that ended (or whose data dropped them) are released.
// 4. Send the association changes as PartnerChangeMessages on partner-changes (content-hash ids via
//    messagesFor), AFTER the write. A crash between write and send: the retried event is a duplicate,
//    and a duplicate re-sends the claim's current associations (same content → same message id when
//    nothing else happened, which the broker drops; otherwise last-writer-wins makes it harmless).
// 5. A submission found competing with other partners' active claims (both claims noted in 1 and
//    after the write): one claim-competing mail per partner on `notifications` (competing-mail.ts),
//    ids per (partner, claim, competing claim). A duplicate submission queues the same ids again
//    (a crash before the send loses no mail; the broker and the sender's sent-record drop repeats).
import { changeSender } from '../bus/partner-changes.js';
import { type ChangeEvent } from '../domain/changes/events.js';
import { type ChangeSource, messagesFor } from '../domain/changes/message.js';
import { applyClaimEvent, type ClaimApplyOutcome } from '../domain/claims/apply.js';
import { associationChanges, dayOf } from '../domain/claims/associations.js';
import { type HolidayCalendars } from '../domain/claims/timers.js';
import { ACTIVE_STATUSES, type Claim, type ClaimEvent, type ClaimStatus } from '../domain/claims/types.js';
import { claimKeys, competingClaims, findConflict, supersede, withCompeting } from '../domain/claims/uniqueness.js';
import type { RuleCatalog } from '../domain/rules/catalog-schema.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/documentStore.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { MessageBus } from '../ports/messageBus.js';
import type { Repositories } from '../ports/repositories.js';
import { isWriteConflict, retryOnConflict } from '../store/conditional.js';
import { type CompetingPair, queueCompetingMails } from './competing-mail.js';
import { ClaimKeys } from './keys.js';
import { type ClaimRepository, claimRepository } from './repository.js';

export interface ClaimDeps {
  store: DocumentStore;
  /** The claims' queries (shared/ports/repositories.ts). */
  repos: Pick<Repositories, 'claims'>;
  bus: MessageBus;
  clock: Clock;
  /** Holiday calendars per market for business-day deadlines (default CLAIM_HOLIDAY_CALENDARS: none). */
  holidayCalendars?: HolidayCalendars;
  /** MAIL_SETTLE_SECONDS: how long a claim-competing mail waits on the queue, as every mail (default 0). */
  mailSettleSeconds?: number;
  /** The rule catalog placing a claim's workloads in a designation area for its mail (default: currentRules()). */
  rules?: RuleCatalog;
}

export interface ClaimEventOptions {
  /** partner-changes unless a test isolates itself on a queue of its own. */
  queue?: string;
  /** notifications (claim-competing mails) unless a test isolates itself on a queue of its own. */
  notificationsQueue?: string;
  /** Where the event came from (the webhook delivery id), kept on the change messages. */
  source?: ChangeSource;
  maxAttempts?: number;
  log?: Logger;
}

export type ClaimEventOutcome =
  | { kind: 'applied'; outcome: ClaimApplyOutcome; claim: Claim; messages: string[] }
  | {
      kind: 'refused';
      code: 'not-allowed' | 'unknown-claim' | 'conflict';
      reason: string;
      status: ClaimStatus | null;
      conflictingClaimId?: string;
      deadline?: { kind: string; lastDay: string; rule: string };
    };

export const DEFAULT_CLAIM_WRITE_ATTEMPTS = 5;

export class ClaimContentionError extends Error {
  constructor(partnerId: string, claimId: string, attempts: number) {
    super(`${partnerId}/claim:${claimId}: still conflicting after ${attempts} attempts (concurrent writers); retry the event`);
    this.name = 'ClaimContentionError';
  }
}

function needsUniquenessCheck(event: ClaimEvent, outcome: ClaimApplyOutcome): boolean {
  if (outcome === 'created') return true;
  if (outcome !== 'applied') return false;
  return (event.type === 'submitted' && event.claim !== undefined) || event.type === 'disputed';
}

function isSubmission(event: ClaimEvent, outcome: ClaimApplyOutcome): boolean {
  return event.type === 'submitted' && (outcome === 'created' || outcome === 'applied');
}

/** Read-modify-write of another (partner's) claim, ETag-conditioned and retried; its effects are sent. */
async function updateOther(
  deps: ClaimDeps,
  repo: ClaimRepository,
  other: Claim,
  change: (c: Claim) => { claim: Claim; effects: ChangeEvent[] } | null,
  send: (changes: ChangeEvent[]) => Promise<string[]>,
  log: Logger,
): Promise<void> {
  await retryOnConflict(
    async () => {
      const found = await repo.read(other.partnerId, other.claimId);
      if (!found) return;
      const next = change(found.claim);
      if (!next || JSON.stringify(next.claim) === JSON.stringify(found.claim)) return;
      await repo.write(next.claim, found.etag, deps.clock.now().toISOString()); // a lost race: read again
      if (next.effects.length) await send(next.effects);
      log.log(
        `claim ${other.partnerId}/${other.claimId}: competing claim noted${next.effects.length ? `; ${next.effects.length} association change(s) sent (superseded)` : ''}`,
      );
    },
    {
      maxAttempts: DEFAULT_CLAIM_WRITE_ATTEMPTS,
      exhausted: () =>
        log.warn(
          `claim ${other.partnerId}/${other.claimId}: still conflicting after ${DEFAULT_CLAIM_WRITE_ATTEMPTS} attempts; competing note not written`,
        ),
    },
  );
}

/**
 * The competitions a submission found, as stored on its claim (noted on the submission's day): what a
 * duplicate of the submission queues again. None once the claim is no longer active.
 */
async function competingFoundBy(repo: ClaimRepository, claim: Claim, event: ClaimEvent): Promise<CompetingPair[]> {
  if (!ACTIVE_STATUSES.includes(claim.status)) return [];
  const since = dayOf(event.occurredAt);
  const pairs: CompetingPair[] = [];
  for (const c of claim.competing ?? []) {
    if (c.since !== since) continue;
    const other = (await repo.read(c.partnerId, c.claimId))?.claim;
    if (other) pairs.push({ claim, other, since });
  }
  return pairs;
}

export async function applyStoredClaimEvent(
  deps: ClaimDeps,
  event: ClaimEvent,
  options: ClaimEventOptions = {},
): Promise<ClaimEventOutcome> {
  const log = options.log ?? silentLogger;
  const repo = claimRepository(deps);
  const keys = new ClaimKeys(deps.store, repo);
  const send = async (changes: ChangeEvent[]): Promise<string[]> => {
    const messages = messagesFor(changes, options.source ?? {});
    await changeSender(deps.bus, options.queue)(messages);
    return messages.map((m) => m.id);
  };
  const attempts = options.maxAttempts ?? DEFAULT_CLAIM_WRITE_ATTEMPTS;
  // The claim changed meanwhile (its write lost the race): apply the event again to what is stored now.
  const attempt = async (attempt: number): Promise<ClaimEventOutcome> => {
    const current = await repo.read(event.partnerId, event.claimId);
    const result = applyClaimEvent(current?.claim ?? null, event, deps.holidayCalendars ? { calendars: deps.holidayCalendars } : {});
    if (!result.ok) {
      const refused: ClaimEventOutcome = { kind: 'refused', code: result.code, reason: result.reason, status: result.status };
      if (result.deadline) refused.deadline = result.deadline;
      return refused;
    }
    if (result.outcome === 'duplicate') {
      const messages = await send(associationChanges(result.claim));
      log.log(
        `claim ${event.partnerId}/${event.claimId}: event ${event.eventId} seen before; ${messages.length} association message(s) re-sent`,
      );
      if (event.type === 'submitted')
        await queueCompetingMails(deps, repo, await competingFoundBy(repo, result.claim, event), log, options.notificationsQueue);
      return { kind: 'applied', outcome: 'duplicate', claim: result.claim, messages };
    }
    // Refused for another claim on the same key; the claim stays as it was.
    const conflictRefusal = (reason: string, conflictingClaimId: string): ClaimEventOutcome => ({
      kind: 'refused',
      code: 'conflict',
      reason,
      status: current?.claim.status ?? null,
      conflictingClaimId,
    });
    if (needsUniquenessCheck(event, result.outcome)) {
      const conflict = findConflict(result.claim, await repo.listForPartner(event.partnerId));
      if (conflict) return conflictRefusal(conflict.reason, conflict.claimId);
    }
    // Across partners (§4.2, issue 13): a submission while another partner's claim on a shared key is
    // active is flagged competing on both claims.
    let rivals: Claim[] = [];
    if (isSubmission(event, result.outcome)) {
      rivals = competingClaims(result.claim, await repo.listHolding(claimKeys(result.claim)));
      for (const r of rivals) result.claim = withCompeting(result.claim, r, dayOf(event.occurredAt));
    }
    // The uniqueness key as a conditional write (keys.ts): of two concurrent claims, one gets the key.
    let taken: Array<{ key: string; etag: string }> = [];
    if (needsUniquenessCheck(event, result.outcome) && ACTIVE_STATUSES.includes(result.claim.status)) {
      const keyed = await keys.acquire(result.claim, deps.clock.now());
      if (!keyed.ok) return conflictRefusal(keyed.reason, keyed.conflictingClaimId);
      taken = keyed.acquired;
    }
    let written: { etag: string };
    try {
      written = await repo.write(result.claim, current?.etag ?? null, deps.clock.now().toISOString());
    } catch (err) {
      if (isWriteConflict(err)) {
        await keys.giveBack(event.partnerId, taken);
        log.log(`claim ${event.partnerId}/${event.claimId}: changed meanwhile (attempt ${attempt}), applying again`);
      }
      throw err;
    }
    {
      // Keys the claim no longer holds: all of them once it ended, else those its new data dropped.
      const kept = new Set(ACTIVE_STATUSES.includes(result.claim.status) ? claimKeys(result.claim) : []);
      const before = [...(current ? claimKeys(current.claim) : []), ...claimKeys(result.claim)];
      const dropped = [...new Set(before)].filter((k) => !kept.has(k));
      if (dropped.length) await keys.release(event.partnerId, event.claimId, dropped);
    }
    for (const r of rivals)
      await updateOther(deps, repo, r, (c) => ({ claim: withCompeting(c, result.claim, dayOf(event.occurredAt)), effects: [] }), send, log);
    const competingPairs: CompetingPair[] = rivals.map((other) => ({ claim: result.claim, other, since: dayOf(event.occurredAt) }));
    // Microsoft arbitrates on the most recent proof of execution: an approval while another partner
    // holds the key ends that holder's association the day after (its claim says why).
    if (
      result.outcome === 'applied' &&
      (event.type === 'approved' || event.type === 'dispute-upheld') &&
      result.claim.approvedOn !== null
    ) {
      const approvedOn = result.claim.approvedOn;
      const holders = (await repo.listHolding(claimKeys(result.claim))).filter(
        (c) => c.partnerId !== result.claim.partnerId && c.approvedOn !== null,
      );
      for (const h of holders) {
        const winner = result.claim;
        await updateOther(deps, repo, h, (c) => supersede(c, winner, event.occurredAt), send, log);
        result.claim = withCompeting(result.claim, h, approvedOn);
      }
      if (holders.length > 0) {
        try {
          await repo.write(result.claim, written.etag, deps.clock.now().toISOString());
        } catch (err) {
          if (!isWriteConflict(err)) throw err; // the competing note only; the next event writes it again
        }
      }
    }
    const messages = await send(result.effects);
    await queueCompetingMails(deps, repo, competingPairs, log, options.notificationsQueue);
    log.log(
      `claim ${event.partnerId}/${event.claimId}: ${event.type} (${event.eventId}) ${result.outcome} → ${result.claim.status}` +
        (messages.length ? `; ${result.effects.length} association change(s) in ${messages.length} message(s)` : ''),
    );
    return { kind: 'applied', outcome: result.outcome, claim: result.claim, messages };
  };
  return retryOnConflict(attempt, {
    maxAttempts: attempts,
    exhausted: () => {
      throw new ClaimContentionError(event.partnerId, event.claimId, attempts);
    },
  });
}
