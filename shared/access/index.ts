export * from './authorize.js';
export * from './entra.js';
export * from './keys.js';
export * from './principal.js';
