import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { unknownQueryParameter } from '../api/history.js';
import { badRequest, ok, parseParams } from '../api/http.js';
import { readDeadLetters, readRejectedMessages } from '../api/operations.js';
import {
  boundedLimitParam,
  DEAD_LETTERS_PARAMETERS,
  DEFAULT_DEAD_LETTERS_LIMIT,
  DEFAULT_RECORDS_LIMIT,
  MAX_DEAD_LETTERS_LIMIT,
  MAX_RECORDS_LIMIT,
  queueParam,
  REJECTED_MESSAGES_PARAMETERS,
} from '../api/params.js';
import type { DeadLetterReader } from '../ports/deadLetters.js';
import type { Repositories } from '../ports/repositories.js';

/**
 * GET /api/operations/rejected[?limit=N] → { rejectedMessages: [...] }: messages a handler
 * refused (function, queue, reason, when, a bounded body excerpt), newest first (default 50, 1–200).
 * Admin only (enforced by the access wrapper). One query page.
 */
export function listRejectedMessagesHandler(deps: { repos: Pick<Repositories, 'rejectedMessages'> }) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const unknown = unknownQueryParameter(request.query, REJECTED_MESSAGES_PARAMETERS);
    if (unknown !== undefined) return badRequest(unknown, 'is not a parameter of this route (expected limit)');
    const parsed = parseParams(request, { limit: boundedLimitParam(DEFAULT_RECORDS_LIMIT, MAX_RECORDS_LIMIT) }, { limit: 'query' });
    if (!parsed.ok) return parsed.response;
    return ok(await readRejectedMessages(deps.repos.rejectedMessages, parsed.value.limit));
  };
}

/**
 * GET /api/operations/dead-letters[?queue=Q&limit=N] → { queues: [{ queue, messages, more }] }: the
 * dead-letter sub-queue of each queue (or of Q), peeked — never received — N a queue (default 20, 1–100).
 * Admin only (enforced by the access wrapper). One peek per queue.
 */
export function listDeadLettersHandler(deps: { deadLetters: DeadLetterReader }) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const unknown = unknownQueryParameter(request.query, DEAD_LETTERS_PARAMETERS);
    if (unknown !== undefined) return badRequest(unknown, 'is not a parameter of this route (expected queue, limit)');
    const parsed = parseParams(
      request,
      { queue: queueParam, limit: boundedLimitParam(DEFAULT_DEAD_LETTERS_LIMIT, MAX_DEAD_LETTERS_LIMIT) },
      { queue: 'query', limit: 'query' },
    );
    if (!parsed.ok) return parsed.response;
    return ok(await readDeadLetters(deps.deadLetters, parsed.value));
  };
}
