// The partner read API: parameters, shaping and reads behind GET /api/partners[/{partnerId}[/explanations]].
export * from './http.js';
export * from './params.js';
export * from './partners.js';
