import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { type GuidanceReadDeps, readPartnerForecast, readPartnerRecommendations } from '../api/guidance.js';
import { notFound, ok, parseParams } from '../api/http.js';
import { areaParam, partnerIdParam } from '../api/params.js';
import { currentRules } from '../domain/rules/load.js';
import type { PartnerStore } from '../pipeline/partner-repository.js';
import { scoringDay } from '../pipeline/scoring-day.js';
import type { Clock } from '../ports/clock.js';

interface Deps extends PartnerStore {
  clock: Clock;
  dataCompleteDay: number;
}

function readDeps(deps: Deps): GuidanceReadDeps {
  return {
    store: deps.store,
    repos: deps.repos,
    rules: currentRules(),
    fallbackAsOf: () => scoringDay(deps.clock.now(), deps.dataCompleteDay).asOf,
  };
}

const unknownPartner = (partnerId: string) => notFound(`no partner ${JSON.stringify(partnerId)} (no facts stored)`);

/**
 * GET /api/partners/{partnerId}/recommendations[?area=A] → the gap analysis of the partner's facts as last
 * scored (`pcs gap` output), each area with its status, renewal eligibility and the nightly at-risk finding.
 */
export function getPartnerRecommendationsHandler(deps: Deps) {
  const read = readDeps(deps);
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const parsed = parseParams(request, { partnerId: partnerIdParam, area: areaParam }, { partnerId: 'route', area: 'query' });
    if (!parsed.ok) return parsed.response;
    const { partnerId, area } = parsed.value;
    const answer = await readPartnerRecommendations(read, partnerId, area === undefined ? {} : { area });
    return answer ? ok(answer) : unknownPartner(partnerId);
  };
}

/** GET /api/partners/{partnerId}/forecast → next month's and the month after's score with flags (`pcs forecast`). */
export function getPartnerForecastHandler(deps: Deps) {
  const read = readDeps(deps);
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const parsed = parseParams(request, { partnerId: partnerIdParam }, { partnerId: 'route' });
    if (!parsed.ok) return parsed.response;
    const answer = await readPartnerForecast(read, parsed.value.partnerId);
    return answer ? ok(answer) : unknownPartner(parsed.value.partnerId);
  };
}
