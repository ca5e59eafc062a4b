// Packing for the parts of the hot state document that are read by the pipeline only (the hot days of
// history, the facts aggregate): deflate (raw, level 6) of the JSON, base64. Deterministic: the same
// value packs to the same text, so comparing stored documents still tells a change.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

import { sha256Hex } from '../domain/changes/canonical.js';
import { canonicalText } from './canonical-fast.js';

export function packJson(value: unknown): string {
  return deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8')).toString('base64');
}

export function unpackJson<T>(packed: string): T {
  return JSON.parse(inflateRawSync(Buffer.from(packed, 'base64')).toString('utf8')) as T;
}

/** sha256 of the canonical JSON: what a cold document's entry in the hot document's index keeps. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalText(value));
}
