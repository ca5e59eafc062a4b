import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

import { defaultWebRoot, serveStatic } from '../web/static.js';

/**
 * GET /{*path}: the dashboard page (dist/web, built by `vite build`), anonymous — the page itself asks the
 * API for data with the caller's key. index.html for `/` and client-side routes, hashed assets immutable,
 * 404 for a missing asset or a path leaving dist/web. Never answers under `api/`: an unknown API route
 * stays a JSON 404 rather than becoming the page.
 */
export function dashboardHandler(deps: { root?: string } = {}) {
  let root = deps.root;
  return async (request: HttpRequest, _context: InvocationContext): Promise<HttpResponseInit> => {
    const requested = request.params.path ?? '';
    if (/^\/*api(\/|$)/i.test(requested))
      return { status: 404, jsonBody: { error: `no API route ${JSON.stringify('/' + requested.replace(/^\/+/, ''))}` } };
    root ??= defaultWebRoot();
    const res = await serveStatic(root, requested);
    return { status: res.status, headers: res.headers, body: res.body };
  };
}
