import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { describePrincipal, type Principal } from '../access/principal.js';
import { ok } from '../api/http.js';

/**
 * GET /api/me → { admin, partners, via }: the caller's scope as the app's access check sees it (partners is
 * null for admins: every partner), so the page knows what it may show. Reads nothing.
 */
export function meHandler() {
  return async (_request: HttpRequest, _context: InvocationContext, principal: Principal): Promise<HttpResponseInit> =>
    ok(describePrincipal(principal));
}
