import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { canSeePartner, type Principal } from '../access/principal.js';
import { ok, parseParams } from '../api/http.js';
import { partnerIdParam } from '../api/params.js';
import { asSeenBy, listClaimSummaries } from '../claims/views.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/documentStore.js';
import type { Repositories } from '../ports/repositories.js';

/**
 * GET /api/claims/{partnerId} → { partnerId, today, claims: [...] }: the partner's CPOR claims in claimId
 * order, each with its status, approval / confirmation days, last rejection, deadlines as of today and
 * the number of events (the history is in GET /api/claims/{partnerId}/{claimId}). An unknown partner
 * has no claims (an empty list).
 */
export function listClaimsHandler(deps: { store: DocumentStore; repos: Pick<Repositories, 'claims'>; clock: Clock }) {
  return async (request: HttpRequest, _context: InvocationContext, principal?: Principal): Promise<HttpResponseInit> => {
    // A partner's key sees the competing partner unnamed (views.ts asSeenBy); admins and the open local host see it.
    const visible = (p: string) => principal === undefined || canSeePartner(principal, p);
    const parsed = parseParams(request, { partnerId: partnerIdParam }, { partnerId: 'route' });
    if (!parsed.ok) return parsed.response;
    const list = await listClaimSummaries(deps, parsed.value.partnerId, deps.clock.now().toISOString().slice(0, 10));
    return ok({ ...list, claims: list.claims.map((c) => asSeenBy(c, visible)) });
  };
}
