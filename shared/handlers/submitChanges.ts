import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { webhookResponse } from '../api/http.js';
import { type PushDeps, type PushOptions, receivePush } from '../ingestion/push.js';
import type { Clock } from '../ports/clock.js';

/** The system's time, unmoved by LOCAL_TODAY (the same as adapters/system/clock.ts realClock). */
const REAL_TIME: Clock = { now: () => new Date() };

/**
 * POST /api/changes: change events signed with Standard Webhooks (WEBHOOK_SECRETS) → 202
 * { accepted, messages } with the messages on partner-changes; 400/401 with the reason; 503 when no
 * secret is configured; a repeated webhook-id gets the first answer again (shared/ingestion/push.ts).
 * The webhook timestamp is checked against the real clock (`deps.realClock`, default the system's), not
 * the business clock: the sender signs with its real time whatever day the product scores on.
 */
export function submitChangesHandler(
  deps: PushDeps,
  settings: { WEBHOOK_SECRETS: readonly string[] },
  options: Omit<PushOptions, 'secrets' | 'log'> = {},
) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    // The raw bytes: the signature covers them as sent (decoding first would turn invalid UTF-8 or a BOM into a 401).
    const body = new Uint8Array(await request.arrayBuffer());
    const answer = await receivePush(
      { ...deps, realClock: deps.realClock ?? REAL_TIME },
      { ...options, secrets: settings.WEBHOOK_SECRETS, log: context },
      { headers: request.headers, body },
    );
    return webhookResponse(answer);
  };
}
