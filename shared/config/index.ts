export * from './config.js';
export * from './connections.js';
export * from './ncrontab.js';
