// CPOR claims, pure: lifecycle (transition table, applying events), timers and deadlines, business
// days, the associations a claim gives, uniqueness. See docs/claims.md.
export * from './types.js';
export * from './timers.js';
export * from './business-days.js';
export * from './transitions.js';
export * from './schema.js';
export * from './associations.js';
export * from './apply.js';
export * from './deadlines.js';
export * from './uniqueness.js';
export * from './eligibility.js';
