// The change model: events (natural keys, validation), stored documents, applying changes,
// building the contract's facts, and bus messages.
export * from './apply.js';
export { canonicalJson, sha256Hex } from './canonical.js';
export * from './docs.js';
export * from './events.js';
export * from './message.js';
export * from './validate.js';
