// The change model: events (natural keys, validation), stored documents, applying changes,
// building the contract's facts, and bus messages.
export * from './events.js';
export * from './docs.js';
export * from './apply.js';
export * from './message.js';
export * from './validate.js';
export { canonicalJson, sha256Hex } from './canonical.js';
