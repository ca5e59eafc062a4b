// The pipeline's hot uses of canonical JSON (domain/changes/canonical.ts) without its sorted copy of the
// value: `canonicalText` writes the same text in one pass (the facts version, content hashes of the
// aggregate and the cold documents), `canonicallyEqual` tells whether two values have the same canonical
// text without writing either (a recompute that changed nothing writes nothing, recompute.ts).
//
// Same text as canonicalJson, i.e. JSON.stringify of the copy sortKeys makes: object keys sorted, and then
// in the order that copy's own keys have (array-index keys first, numerically, then the others); keys
// whose value is undefined dropped, and so are keys whose value JSON leaves out (functions, symbols); in
// arrays those are null; objects other than arrays (Dates, Maps, boxed values) are their own enumerable
// keys only. A value with a `toJSON` function or a `__proto__` key among its keys (the copy would call
// it, or take it as its prototype) or a bigint goes to canonicalJson itself.
// test/unit/pipeline/canonical-fast.test.ts compares both on arbitrary values.
import { canonicalJson } from '../domain/changes/canonical.js';

class Unhandled extends Error {}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const MAX_ARRAY_INDEX = 4_294_967_294;

function isArrayIndex(key: string): boolean {
  return ARRAY_INDEX.test(key) && Number(key) <= MAX_ARRAY_INDEX;
}

/** Left out of an object by JSON.stringify (and canonicalJson). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The keys canonicalJson writes for this object, in its order. */
function canonicalKeys(value: object): string[] {
  const sorted = Object.keys(value).sort();
  let indices: string[] | null = null;
  const out: string[] = [];
  for (const key of sorted) {
    if (key === '__proto__') throw new Unhandled(); // canonicalJson's copy takes it as its prototype
    if (omitted((value as Record<string, unknown>)[key])) continue;
    if (isArrayIndex(key)) (indices ??= []).push(key);
    else out.push(key);
  }
  if (indices === null) return out;
  indices.sort((a, b) => Number(a) - Number(b));
  return [...indices, ...out];
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function' && Object.prototype.hasOwnProperty.call(value, 'toJSON');
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
    default:
      throw new Unhandled(); // bigint: canonicalJson throws its own error
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (write(value[i]) ?? 'null');
    return out + ']';
  }
  if (hasToJson(value)) throw new Unhandled();
  let out = '{';
  let first = true;
  for (const key of canonicalKeys(value)) {
    const text = write((value as Record<string, unknown>)[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + text;
    first = false;
  }
  return out + '}';
}

/** canonicalJson(value), written in one pass. */
export function canonicalText(value: unknown): string {
  try {
    return write(value) as string;
  } catch (err) {
    if (err instanceof Unhandled) return canonicalJson(value);
    throw err;
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) {
    if (typeof a === 'bigint') throw new Unhandled();
    return true;
  }
  const objectA = a !== null && typeof a === 'object';
  const objectB = b !== null && typeof b === 'object';
  if (!objectA || !objectB) {
    if (objectA || objectB) return false; // an object's text starts with { or [, a primitive's never
    if (typeof a === 'bigint' || typeof b === 'bigint') throw new Unhandled();
    return write(a) === write(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = omitted(a[i]) ? null : a[i];
      const y = omitted(bb[i]) ? null : bb[i];
      if (!equal(x, y)) return false;
    }
    return true;
  }
  if (hasToJson(a) || hasToJson(b)) throw new Unhandled();
  const keysA = canonicalKeys(a);
  const keysB = canonicalKeys(b);
  if (keysA.length !== keysB.length) return false;
  for (let i = 0; i < keysA.length; i++) if (keysA[i] !== keysB[i]) return false;
  for (const key of keysA) if (!equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

/** canonicalJson(a) === canonicalJson(b), without writing them (stops at the first difference). */
export function canonicallyEqual(a: unknown, b: unknown): boolean {
  try {
    return equal(a, b);
  } catch (err) {
    if (err instanceof Unhandled) return canonicalJson(a) === canonicalJson(b);
    throw err;
  }
}
