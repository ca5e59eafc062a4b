import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { notFound, ok, parseParams } from '../api/http.js';
import { areaParam, partnerIdParam } from '../api/params.js';
import { readPartnerDetail, readPartnerExplanations } from '../api/partners.js';
import type { PartnerStore } from '../pipeline/partner-repository.js';

/**
 * GET /api/partners/{partnerId} → the partner's view: per area status, label, cause, since, window,
 * monthly maxima, anniversary, renewal window, eligibility, frozen Azure track and the last score; the
 * last 20 transitions, newest first. 404 for a partner without a state document.
 */
export function getPartnerHandler(deps: PartnerStore) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const parsed = parseParams(request, { partnerId: partnerIdParam }, { partnerId: 'route' });
    if (!parsed.ok) return parsed.response;
    const { partnerId } = parsed.value;
    const detail = await readPartnerDetail(deps, partnerId);
    return detail ? ok(detail) : notFound(`no partner ${JSON.stringify(partnerId)} (never scored, or unknown)`);
  };
}

/**
 * GET /api/partners/{partnerId}/explanations[?area=A] → which tenants and people counted per metric and
 * why others did not, as of the last score; 404 when the partner has no explanations document.
 */
export function getPartnerExplanationsHandler(deps: PartnerStore) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const parsed = parseParams(request, { partnerId: partnerIdParam, area: areaParam }, { partnerId: 'route', area: 'query' });
    if (!parsed.ok) return parsed.response;
    const { partnerId, area } = parsed.value;
    const doc = await readPartnerExplanations(deps, partnerId, area);
    return doc ? ok(doc) : notFound(`no explanations for partner ${JSON.stringify(partnerId)} (never scored, or unknown)`);
  };
}
