export * from './acs.js';
export * from './ids.js';
export * from './off.js';
export * from './smtp.js';
