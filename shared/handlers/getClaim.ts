import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { canSeePartner, type Principal } from '../access/principal.js';
import { notFound, ok, parseParams } from '../api/http.js';
import { partnerIdParam } from '../api/params.js';
import { asSeenBy, readClaimView } from '../claims/views.js';
import { claimIdSchema } from '../domain/claims/schema.js';
import type { Clock } from '../ports/clock.js';
import type { DocumentStore } from '../ports/documentStore.js';
import type { Repositories } from '../ports/repositories.js';

/**
 * GET /api/claims/{partnerId}/{claimId} → the claim: data, status, history (time order), the associations
 * it gives, and the deadlines of its status as of today; 404 when there is no such claim.
 */
export function getClaimHandler(deps: { store: DocumentStore; repos: Pick<Repositories, 'claims'>; clock: Clock }) {
  return async (request: HttpRequest, _context: InvocationContext, principal?: Principal): Promise<HttpResponseInit> => {
    // A partner's key sees the competing partner unnamed (views.ts asSeenBy); admins and the open local host see it.
    const visible = (p: string) => principal === undefined || canSeePartner(principal, p);
    const parsed = parseParams(request, { partnerId: partnerIdParam, claimId: claimIdSchema }, { partnerId: 'route', claimId: 'route' });
    if (!parsed.ok) return parsed.response;
    const { partnerId, claimId } = parsed.value;
    const view = await readClaimView(deps, partnerId, claimId, deps.clock.now().toISOString().slice(0, 10));
    return view ? ok(asSeenBy(view, visible)) : notFound(`no claim ${JSON.stringify(claimId)} for partner ${JSON.stringify(partnerId)}`);
  };
}
