export * from './client.js';
export * from './health.js';
export * from './repositories/index.js';
export * from './store.js';
