import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { dayParam, HISTORY_QUERY_PARAMETERS, readPartnerHistory, unknownQueryParameter } from '../api/history.js';
import { badRequest, notFound, ok, parseParams } from '../api/http.js';
import { areaParam, partnerIdParam } from '../api/params.js';
import type { PartnerStore } from '../pipeline/partner-repository.js';

/**
 * GET /api/partners/{partnerId}/history[?area=A&from=YYYY-MM-DD&to=YYYY-MM-DD] → per area every recorded
 * day in [from, to] (both optional, inclusive): total, qualifies, backfilled; and the monthly maxima of
 * the last six months. 400 naming the parameter for a bad or unknown one (to before from: `to`); 404
 * for a partner without a state document.
 */
export function getPartnerHistoryHandler(deps: PartnerStore) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const unknown = unknownQueryParameter(request.query, HISTORY_QUERY_PARAMETERS);
    if (unknown !== undefined) return badRequest(unknown, `is not a parameter of this route (expected area, from, to)`);
    const parsed = parseParams(
      request,
      { partnerId: partnerIdParam, area: areaParam, from: dayParam, to: dayParam },
      { partnerId: 'route', area: 'query', from: 'query', to: 'query' },
    );
    if (!parsed.ok) return parsed.response;
    const { partnerId, area, from, to } = parsed.value;
    if (from !== undefined && to !== undefined && to < from)
      return badRequest('to', `must not be before from (${from}), got ${JSON.stringify(to)}`);
    const history = await readPartnerHistory(deps, partnerId, { area, from, to });
    return history ? ok(history) : notFound(`no partner ${JSON.stringify(partnerId)} (never scored, or unknown)`);
  };
}
