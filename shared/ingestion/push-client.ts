// The pushing side of POST /api/changes, for tests, the demo and any Node system: signs the body
// with Standard Webhooks (the same signWebhook the server verifies against) and posts it.
//
// The delivery id defaults to a hash of the body, so pushing the same changes twice is one
// delivery (answered as before by the server). Pass `id` to retry a delivery you named yourself,
// or a fresh id to deliver the same content again on purpose.
import { LOCAL_DEV_WEBHOOK_SECRET } from '../config/config.js';
import { sha256Hex } from '../domain/changes/canonical.js';
import type { ChangeEvent } from '../domain/changes/events.js';
import { signWebhook } from '../webhooks/standard-webhooks.js';

export { LOCAL_DEV_WEBHOOK_SECRET };

export interface PushClientOptions {
  id?: string;
  /** Signing time (default now); tests pass an old one to see it refused. */
  timestamp?: Date | number;
  /** The function key, for a deployment with authLevel function (header x-functions-key). */
  functionKey?: string;
  fetch?: typeof fetch;
}

export interface PushResult {
  status: number;
  /** The parsed JSON answer (or the text, if it was not JSON). */
  body: unknown;
  webhookId: string;
}

/**
 * Posts `changes` (an array of change events, or anything the server should judge) to `url`,
 * e.g. http://127.0.0.1:7071/api/changes, signed with `secret` (a whsec_… secret).
 */
export async function pushChanges(
  url: string,
  changes: readonly ChangeEvent[] | unknown,
  secret: string,
  options: PushClientOptions = {},
): Promise<PushResult> {
  const body = JSON.stringify(changes);
  const id = options.id ?? `msg_${sha256Hex(body).slice(0, 32)}`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...signWebhook({ id, timestamp: options.timestamp ?? new Date(), body, secret }),
  };
  if (options.functionKey) headers['x-functions-key'] = options.functionKey;
  const res = await (options.fetch ?? fetch)(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, webhookId: id };
}
