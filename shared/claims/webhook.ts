// POST /api/claims/events as a use case, free of HTTP types: one claim event (or a claim submission),
// signed with Standard Webhooks like POST /api/changes — the same secrets (WEBHOOK_SECRETS), the same
// verification and delivery dedupe (shared/webhooks/delivery.ts receiveSignedDelivery).
//
// Answers:
//   202 { partnerId, claimId, eventId, outcome, status, messages } — applied, recorded late, or a duplicate
//   400 { error, errors: [{ path, message }] } — not JSON / not a valid event (nothing applied)
//   401 / 400 — signature / headers (as /api/changes); 413 too large; 503 no secret configured
//   404 { error } — an event for a claim we do not have (its submission has not arrived)
//   409 { error, claimId, status, conflictingClaimId? } — not allowed from the claim's status, or a
//       second active claim of the partner for the same tenant + workload / subscription; also 409 while
//       another delivery of the same webhook-id is being applied (the delivery id is claimed first)
// Delivery records: ids are `claims:<webhook-id>` (apart from /api/changes' ids). 202 and 400 answers
// are recorded and replayed for a repeated webhook-id; 404 and 409 are NOT: they depend on the claim's
// state, so a sender's retry (Standard Webhooks retries non-2xx) is judged again — which is how an
// event that arrived before the events it follows gets in once they did.
import { MAX_REPORTED_ERRORS } from '../domain/changes/validate.js';
import { type ClaimApplyOutcome } from '../domain/claims/apply.js';
import { domainRefusal, type EligibilityRefusal, submissionRefusals } from '../domain/claims/eligibility.js';
import { type ClaimInputError, parseClaimEvent } from '../domain/claims/schema.js';
import { type ClaimEvent, type ClaimStatus } from '../domain/claims/types.js';
import { logId } from '../domain/ids.js';
import { type RuleCatalog } from '../domain/rules/catalog-schema.js';
import { currentRules } from '../domain/rules/load.js';
import type { Logger } from '../ports/logger.js';
import { deliveryDocId, receiveSignedDelivery, type SignedRequest } from '../webhooks/delivery.js';
import { applyStoredClaimEvent, type ClaimDeps } from './events.js';
import { claimRepository, tenantLookupKey } from './repository.js';

export interface ClaimWebhookOptions {
  secrets: readonly string[];
  log: Logger;
  queue?: string;
  /** notifications unless a test isolates itself on a queue of its own (claim-competing mails). */
  notificationsQueue?: string;
  toleranceSeconds?: number;
  maxBodyBytes?: number;
  /** The rule catalog whose workload lists a claim is judged by (default: currentRules()). */
  rules?: RuleCatalog;
}

/** Items any array of a claim event may hold (its workloads are far fewer). */
export const MAX_CLAIM_ARRAY_ITEMS = 100;

/** Claim events are small: 1 MB is plenty. */
export const DEFAULT_MAX_CLAIM_BODY_BYTES = 1024 * 1024;

export type ClaimWebhookBody =
  | { partnerId: string; claimId: string; eventId: string; outcome: ClaimApplyOutcome; status: ClaimStatus; messages: string[] }
  | {
      error: string;
      errors?: (ClaimInputError & { rule?: string })[];
      claimId?: string;
      status?: ClaimStatus | null;
      conflictingClaimId?: string;
      deadline?: { kind: string; lastDay: string; rule: string };
    };

export interface ClaimWebhookAnswer {
  status: number;
  body: ClaimWebhookBody;
  replayed?: boolean;
}

export function claimDeliveryDocId(webhookId: string): string {
  return deliveryDocId(`claims:${webhookId}`);
}

export async function receiveClaimWebhook(
  deps: ClaimDeps,
  options: ClaimWebhookOptions,
  request: SignedRequest,
): Promise<ClaimWebhookAnswer> {
  return receiveSignedDelivery<ClaimWebhookBody>(
    deps,
    {
      secrets: options.secrets,
      log: options.log,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_CLAIM_BODY_BYTES,
      ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
      endpoint: 'POST /api/claims/events',
      logName: 'submitClaimEvent',
      deliveryDocId: claimDeliveryDocId,
      // One event: no array of it needs more (workloads, contacts).
      maxArrayItems: MAX_CLAIM_ARRAY_ITEMS,
      remember: (answer) => answer.status !== 404 && answer.status !== 409,
    },
    request,
    async (webhookId, json): Promise<ClaimWebhookAnswer> => {
      const parsed = parseClaimEvent(json);
      if (!parsed.ok) {
        options.log.warn(`submitClaimEvent: ${logId(webhookId)}: ${parsed.errors.length} invalid field(s); nothing applied`);
        const first = parsed.errors[0];
        return {
          status: 400,
          body: {
            error: `invalid claim event: ${first ? `${first.path || '(body)'}: ${first.message}` : 'not valid'}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''}`,
            // The stored answer is bounded: the first MAX_REPORTED_ERRORS problems (the count is in `error`).
            errors: parsed.errors.slice(0, MAX_REPORTED_ERRORS),
          },
        };
      }
      const event = parsed.event;
      const judged = await judgeSubmission(deps, event, options.rules ?? currentRules());
      if (judged) {
        options.log.warn(
          `submitClaimEvent: ${logId(webhookId)}: ${event.type} for ${event.partnerId}/${event.claimId} refused (${judged.status}): ${'error' in judged.body ? judged.body.error : ''}`,
        );
        return judged;
      }
      const outcome = await applyStoredClaimEvent(deps, event, {
        ...(options.queue ? { queue: options.queue } : {}),
        ...(options.notificationsQueue ? { notificationsQueue: options.notificationsQueue } : {}),
        source: { webhookId },
        log: options.log,
      });
      if (outcome.kind === 'refused') {
        options.log.warn(
          `submitClaimEvent: ${logId(webhookId)}: ${event.type} for ${event.partnerId}/${event.claimId} refused (${outcome.code}): ${outcome.reason}`,
        );
        const refusal: ClaimWebhookBody = { error: outcome.reason, claimId: event.claimId, status: outcome.status };
        if (outcome.conflictingClaimId !== undefined) refusal.conflictingClaimId = outcome.conflictingClaimId;
        if (outcome.deadline !== undefined) refusal.deadline = outcome.deadline;
        return { status: outcome.code === 'unknown-claim' ? 404 : 409, body: refusal };
      }
      return {
        status: 202,
        body: {
          partnerId: event.partnerId,
          claimId: event.claimId,
          eventId: event.eventId,
          outcome: outcome.outcome,
          status: outcome.claim.status,
          messages: outcome.messages,
        },
      };
    },
  );
}

/**
 * Eligibility where a submission enters (§4.2, issue 13); events already stored are not judged again.
 * 404: the partner is unknown. 400: a rule the submission breaks (each error names its rule). 409: the
 * customer's domain disagrees with what is known of the tenant (depends on stored claims). null: go on.
 */
async function judgeSubmission(deps: ClaimDeps, event: ClaimEvent, rules: RuleCatalog): Promise<ClaimWebhookAnswer | null> {
  if (event.type !== 'drafted' && event.type !== 'submitted') return null;
  const repo = claimRepository(deps);
  if (!(await repo.partnerKnown(event.partnerId))) {
    return {
      status: 404,
      body: {
        error: `partner ${event.partnerId} is unknown (no profile or state): a claim needs a known partner`,
        claimId: event.claimId,
        status: null,
      },
    };
  }
  const stored = event.claim ? undefined : await repo.read(event.partnerId, event.claimId);
  const data = event.claim ?? stored?.claim;
  if (!data) return null; // no data and no draft: the lifecycle answers 404
  const submittedBy = event.submittedBy ?? stored?.claim.submittedBy ?? undefined;
  const refusals: EligibilityRefusal[] = submissionRefusals(data, submittedBy, event.occurredAt.slice(0, 10), rules, event.type);
  if (refusals.length > 0) return { status: 400, body: refusalBody(refusals) };
  const known = (await repo.listByLookup(tenantLookupKey(data.tenantId)))
    .filter((c) => !(c.partnerId === event.partnerId && c.claimId === event.claimId))
    .flatMap((c) => (c.customerDomain ? [c.customerDomain] : []));
  const mismatch = domainRefusal(data, known);
  if (mismatch) return { status: 409, body: { ...refusalBody([mismatch]), claimId: event.claimId, status: stored?.claim.status ?? null } };
  return null;
}

function refusalBody(refusals: readonly EligibilityRefusal[]): { error: string; errors: (ClaimInputError & { rule: string })[] } {
  const first = refusals[0]!;
  return {
    error: `claim not eligible: ${first.path}: ${first.message} (${first.rule})${refusals.length > 1 ? ` (and ${refusals.length - 1} more)` : ''}`,
    errors: refusals.map((r) => ({ path: r.path, message: r.message, rule: r.rule })),
  };
}
