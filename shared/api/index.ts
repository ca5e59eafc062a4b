// The read API: parameters, shaping and reads behind GET /api/partners[/{partnerId}[/explanations|/history]], and
// the HTTP helpers (parseParams, ok, notFound, badRequest) the claims and imports handlers use too.
export * from './guidance.js';
export * from './history.js';
export * from './http.js';
export * from './list-query.js';
export * from './mails.js';
export * from './openapi.js';
export * from './operations.js';
export * from './params.js';
export * from './partners.js';
export * from './summary.js';
