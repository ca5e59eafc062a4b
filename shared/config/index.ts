export * from './config.js';
export * from './ncrontab.js';
