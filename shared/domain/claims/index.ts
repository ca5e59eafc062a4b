// CPOR claims, pure: lifecycle (transition table, applying events), timers and deadlines, business
// days, the associations a claim gives, uniqueness, the mail to both partners of a competing claim. See docs/claims.md.
export * from './apply.js';
export * from './associations.js';
export * from './business-days.js';
export * from './competing.js';
export * from './deadlines.js';
export * from './eligibility.js';
export * from './schema.js';
export * from './timers.js';
export * from './transitions.js';
export * from './types.js';
export * from './uniqueness.js';
