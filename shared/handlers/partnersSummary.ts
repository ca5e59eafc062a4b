import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { unknownQueryParameter } from '../api/history.js';
import { badRequest, ok, parseParams } from '../api/http.js';
import { PARTNERS_SUMMARY_PARAMETERS, searchParam } from '../api/params.js';
import { readPartnersSummary } from '../api/summary.js';
import type { Repositories } from '../ports/repositories.js';
import type { ListPartnersOptions } from './listPartners.js';

/**
 * GET /api/partners/summary[?q=] → { partners, areas: { <area>: { inProgress, qualified, enrolled,
 * renewalDue, atRisk } } }: the portfolio's summary line over the same `q` as the list. Pages through
 * one projected query: cost linear in the matching partners (shared/api/summary.ts).
 */
export function partnersSummaryHandler(deps: { repos: Pick<Repositories, 'partnerSummaries'> }) {
  return async (request: HttpRequest, _context: InvocationContext, options: ListPartnersOptions = {}): Promise<HttpResponseInit> => {
    const unknown = unknownQueryParameter(request.query, PARTNERS_SUMMARY_PARAMETERS);
    if (unknown !== undefined) return badRequest(unknown, 'is not a parameter of this route (expected q)');
    const parsed = parseParams(request, { q: searchParam }, { q: 'query' });
    if (!parsed.ok) return parsed.response;
    return ok(await readPartnersSummary(deps.repos, { q: parsed.value.q, onlyPartners: options.onlyPartners }));
  };
}
