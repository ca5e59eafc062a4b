import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { notFound, ok } from '../api/http.js';
import { idProblem } from '../domain/ids.js';
import { getImportReport, listImportReports, MAX_LIST_LIMIT } from '../ingestion/import-reports.js';
import type { DocumentStore } from '../ports/documentStore.js';
import type { Repositories } from '../ports/repositories.js';

export const DEFAULT_IMPORTS_LIMIT = 20;

/**
 * GET /api/imports[?limit=N] → { imports: [...] }, the latest import reports newest first (file,
 * rows, accepted, rejected rows with line/column/reason, partners, …).
 * GET /api/imports/{id} → one report, or 404.
 * Function-level auth: reports name partners and quote rejected cell values.
 */
export function listImportsHandler(deps: { store: DocumentStore; repos: Pick<Repositories, 'importReports'> }) {
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const id = request.params.id;
    if (id !== undefined && id !== '') {
      // Report ids are ours (imp-<hex>); any other text is a 400, not a store lookup that may throw.
      const problem = idProblem(id.trim());
      if (problem !== null) return { status: 400, jsonBody: { error: `id: ${problem}` } };
      const report = await getImportReport(deps.store, id);
      return report ? ok(report) : notFound(`no import report ${JSON.stringify(id)}`);
    }
    const raw = request.query.get('limit');
    let limit = DEFAULT_IMPORTS_LIMIT;
    if (raw !== null && raw.trim() !== '') {
      if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > MAX_LIST_LIMIT) {
        // Not badRequest(): this 400 body is { error } alone, without the `parameter` field the read API adds.
        return { status: 400, jsonBody: { error: `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}, got ${JSON.stringify(raw)}` } };
      }
      limit = Number(raw);
    }
    return ok({ imports: await listImportReports(deps.repos.importReports, limit) });
  };
}
