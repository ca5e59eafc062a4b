export * from './acs.js';
export * from './ids.js';
export * from './smtp.js';
export * from './off.js';
