// CPOR claims as use cases over the ports: storage in `partners`, applying events with their effects
// on partner-changes, the signed webhook, the deadline timer, the read views. See docs/claims.md.
export * from './deadlines.js';
export * from './events.js';
export * from './keys.js';
export * from './repository.js';
export * from './views.js';
export * from './webhook.js';
