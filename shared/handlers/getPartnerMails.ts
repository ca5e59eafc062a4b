import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { unknownQueryParameter } from '../api/history.js';
import { badRequest, ok, parseParams } from '../api/http.js';
import { readPartnerMails } from '../api/mails.js';
import { boundedLimitParam, DEFAULT_RECORDS_LIMIT, MAILS_PARAMETERS, MAX_RECORDS_LIMIT, partnerIdParam } from '../api/params.js';
import type { Repositories } from '../ports/repositories.js';

/**
 * GET /api/partners/{partnerId}/mails[?limit=N] → { partnerId, mails: [...] }: the partner's notification
 * records (sent, skipped, sending), newest first, at most N (default 50, 1–200). One query page.
 */
export function getPartnerMailsHandler(deps: { repos: Pick<Repositories, 'mails'> }) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const unknown = unknownQueryParameter(request.query, MAILS_PARAMETERS);
    if (unknown !== undefined) return badRequest(unknown, 'is not a parameter of this route (expected limit)');
    const parsed = parseParams(
      request,
      { partnerId: partnerIdParam, limit: boundedLimitParam(DEFAULT_RECORDS_LIMIT, MAX_RECORDS_LIMIT) },
      { partnerId: 'route', limit: 'query' },
    );
    if (!parsed.ok) return parsed.response;
    return ok(await readPartnerMails(deps.repos.mails, parsed.value.partnerId, parsed.value.limit));
  };
}
