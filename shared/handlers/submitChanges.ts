import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { QUEUES, type MessageBus } from '../ports/index.js';
import { describeIssues, partnerChangeSchema } from './messages.js';

/**
 * POST /api/changes: validates one change and queues it on partner-changes (202). The message id is
 * deterministic (partner + changeId, or a hash of the body), so a client retrying the same request is
 * dropped by the broker's duplicate detection instead of being applied twice.
 */
export function submitChangesHandler(deps: { bus: MessageBus }) {
  return async (request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return { status: 400, jsonBody: { error: 'body must be JSON' } };
    }
    const parsed = partnerChangeSchema.safeParse(body);
    if (!parsed.success) return { status: 400, jsonBody: { error: describeIssues(parsed.error) } };
    const change = parsed.data;
    const key = change.changeId ?? createHash('sha256').update(JSON.stringify(change)).digest('hex').slice(0, 32);
    const messageId = `change:${change.partnerId}:${key}`;
    await deps.bus.send(QUEUES.partnerChanges, [
      { messageId, body: change, applicationProperties: { partnerId: change.partnerId } },
    ]);
    context.log(`queued ${messageId} on ${QUEUES.partnerChanges}`);
    return { status: 202, jsonBody: { accepted: true, messageId, queue: QUEUES.partnerChanges } };
  };
}
