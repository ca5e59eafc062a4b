import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { notFound, ok, parseParams } from '../api/http.js';
import { partnerIdParam } from '../api/params.js';
import { readClaimView } from '../claims/views.js';
import { claimIdSchema } from '../domain/claims/index.js';
import type { Clock, DocumentStore, Repositories } from '../ports/index.js';

/**
 * GET /api/claims/{partnerId}/{claimId} → the claim: data, status, history (time order), the associations
 * it gives, and the deadlines of its status as of today; 404 when there is no such claim.
 */
export function getClaimHandler(deps: { store: DocumentStore; repos: Pick<Repositories, 'claims'>; clock: Clock }) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const parsed = parseParams(request, { partnerId: partnerIdParam, claimId: claimIdSchema }, { partnerId: 'route', claimId: 'route' });
    if (!parsed.ok) return parsed.response;
    const { partnerId, claimId } = parsed.value;
    const view = await readClaimView(deps, partnerId, claimId, deps.clock.now().toISOString().slice(0, 10));
    return view ? ok(view) : notFound(`no claim ${JSON.stringify(claimId)} for partner ${JSON.stringify(partnerId)}`);
  };
}
