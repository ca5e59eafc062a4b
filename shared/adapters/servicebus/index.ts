export * from './bus.js';
export * from './dead-letters.js';
