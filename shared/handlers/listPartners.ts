import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { unknownQueryParameter } from '../api/history.js';
import { badRequest, encodeContinuation, isRejectedContinuation, ok, parseParams } from '../api/http.js';
import { listKey } from '../api/list-query.js';
import {
  areaParam,
  limitParam,
  listContinuation,
  listStatusParam,
  NOT_A_PARTNERS_CONTINUATION,
  PARTNERS_LIST_PARAMETERS,
  rawContinuationParam,
  searchParam,
  sortParam,
} from '../api/params.js';
import { listPartners, type PartnerList } from '../api/partners.js';
import type { Repositories } from '../ports/repositories.js';

export interface ListPartnersOptions {
  /** Restrict to these partners (a principal's); undefined: every partner. */
  onlyPartners?: readonly string[] | undefined;
}

/**
 * GET /api/partners[?status=&area=&q=&sort=&limit=&continuation=] → { partners: [...], continuation }:
 * known partners (those with a state document) matching the filters, in the sort's order (partner id by
 * default), each with its name, scoring asOf/today, next anniversary and per area status, label, total
 * (exact and one decimal), qualifiesToday, track, atRisk, anniversary and days until it. Follow
 * `continuation` (bound to the filters and sort) until it is null. An unknown parameter is a 400 naming it.
 * Cost: one cross-partition query page per call (shared/api/partners.ts).
 */
export function listPartnersHandler(deps: { repos: Pick<Repositories, 'partnerSummaries'> }) {
  return async (request: HttpRequest, _context: InvocationContext, options: ListPartnersOptions = {}): Promise<HttpResponseInit> => {
    const unknown = unknownQueryParameter(request.query, PARTNERS_LIST_PARAMETERS);
    if (unknown !== undefined)
      return badRequest(unknown, `is not a parameter of this route (expected ${PARTNERS_LIST_PARAMETERS.slice(0, -1).join(', ')})`);
    const parsed = parseParams(
      request,
      { status: listStatusParam, area: areaParam, q: searchParam, sort: sortParam, limit: limitParam, continuation: rawContinuationParam },
      { status: 'query', area: 'query', q: 'query', sort: 'query', limit: 'query', continuation: 'query' },
    );
    if (!parsed.ok) return parsed.response;
    const { status, area, q, sort, limit, continuation } = parsed.value;
    const filter = { status, area, q, onlyPartners: options.onlyPartners };
    const key = listKey(filter, sort);
    let token: string | undefined;
    if (continuation !== undefined) {
      const decoded = listContinuation(continuation, key);
      if ('error' in decoded) return badRequest('continuation', decoded.error);
      token = decoded.token;
    }
    try {
      const page = await listPartners(deps.repos, { limit, continuation: token, filter, sort });
      return ok({
        partners: page.partners,
        continuation: page.continuation ? encodeContinuation(key, page.continuation) : null,
      } satisfies PartnerList);
    } catch (err) {
      if (token !== undefined && isRejectedContinuation(err)) return badRequest('continuation', NOT_A_PARTNERS_CONTINUATION);
      throw err;
    }
  };
}
