import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { openApiDocument } from '../api/openapi.js';

/** GET /api/openapi.json → the OpenAPI 3.1 description of every API route (shared/api/openapi.ts). Reads nothing. */
export function openApiHandler() {
  const document = openApiDocument();
  return async (_request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => ({
    status: 200,
    jsonBody: document,
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
