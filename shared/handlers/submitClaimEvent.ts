import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { webhookResponse } from '../api/http.js';
import { type ClaimDeps } from '../claims/events.js';
import { type ClaimWebhookOptions, receiveClaimWebhook } from '../claims/webhook.js';
import type { Clock } from '../ports/clock.js';

/** The system's time, unmoved by LOCAL_TODAY (the same as adapters/system/clock.ts realClock). */
const REAL_TIME: Clock = { now: () => new Date() };

/**
 * POST /api/claims/events: one CPOR claim event or claim submission, signed with Standard Webhooks
 * (WEBHOOK_SECRETS, as POST /api/changes) → 202 { partnerId, claimId, eventId, outcome, status, messages };
 * 400 naming the field; 401 bad signature; 404 unknown claim; 409 with the reason a transition is not
 * allowed (or a second claim for the same key); a repeated webhook-id gets the first 202/400 again
 * (shared/claims/webhook.ts). The webhook timestamp is checked against the real clock (`deps.realClock`,
 * default the system's), not the business clock, as for POST /api/changes.
 */
export function submitClaimEventHandler(
  deps: ClaimDeps & { realClock?: Clock },
  settings: { WEBHOOK_SECRETS: readonly string[] },
  options: Omit<ClaimWebhookOptions, 'secrets' | 'log'> = {},
) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    // The raw bytes: the signature covers them as sent (decoding first would turn invalid UTF-8 or a BOM into a 401).
    const body = new Uint8Array(await request.arrayBuffer());
    // receiveClaimWebhook hands its deps to receiveSignedDelivery, which reads realClock from them.
    const withRealClock: ClaimDeps & { realClock: Clock } = { ...deps, realClock: deps.realClock ?? REAL_TIME };
    const answer = await receiveClaimWebhook(
      withRealClock,
      { ...options, secrets: settings.WEBHOOK_SECRETS, log: context },
      { headers: request.headers, body },
    );
    return webhookResponse(answer);
  };
}
