export * from './client.js';
export * from './health.js';
export * from './store.js';
