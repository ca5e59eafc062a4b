import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { webhookResponse } from '../api/http.js';
import { receiveClaimWebhook, type ClaimDeps, type ClaimWebhookOptions } from '../claims/index.js';

/**
 * POST /api/claims/events: one CPOR claim event or claim submission, signed with Standard Webhooks
 * (WEBHOOK_SECRETS, as POST /api/changes) → 202 { partnerId, claimId, eventId, outcome, status, messages };
 * 400 naming the field; 401 bad signature; 404 unknown claim; 409 with the reason a transition is not
 * allowed (or a second claim for the same key); a repeated webhook-id gets the first 202/400 again
 * (shared/claims/webhook.ts).
 */
export function submitClaimEventHandler(
  deps: ClaimDeps,
  settings: { WEBHOOK_SECRETS: readonly string[] },
  options: Omit<ClaimWebhookOptions, 'secrets' | 'log'> = {},
) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    // The raw text: the signature covers the bytes as sent.
    const body = await request.text();
    const answer = await receiveClaimWebhook(deps, { ...options, secrets: settings.WEBHOOK_SECRETS, log: context }, { headers: request.headers, body });
    return webhookResponse(answer);
  };
}
