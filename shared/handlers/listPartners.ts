import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import {
  badRequest,
  encodeContinuation,
  isRejectedContinuation,
  limitParam,
  listPartners,
  NOT_A_PARTNERS_CONTINUATION,
  ok,
  parseParams,
  PARTNERS_LIST,
  partnersContinuationParam,
  type PartnerList,
} from '../api/index.js';
import type { DocumentStore } from '../ports/index.js';

/**
 * GET /api/partners[?limit=N&continuation=T] → { partners: [...], continuation }: known partners (those
 * with a state document) in partner-id order, each with its name, scoring asOf/today and per area the
 * status label, total (exact and one decimal), qualifiesToday and track. Follow `continuation` until it
 * is null. Function-level auth: it lists every partner.
 */
export function listPartnersHandler(deps: { store: DocumentStore }) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const parsed = parseParams(request, { limit: limitParam, continuation: partnersContinuationParam }, { limit: 'query', continuation: 'query' });
    if (!parsed.ok) return parsed.response;
    const { limit, continuation } = parsed.value;
    try {
      const page = await listPartners(deps.store, { limit, continuation });
      return ok({ partners: page.partners, continuation: page.continuation ? encodeContinuation(PARTNERS_LIST, page.continuation) : null } satisfies PartnerList);
    } catch (err) {
      if (continuation !== undefined && isRejectedContinuation(err)) return badRequest('continuation', NOT_A_PARTNERS_CONTINUATION);
      throw err;
    }
  };
}
