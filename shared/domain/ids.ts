// The one rule for ids from other systems (partner, tenant, person, subscription ids), wherever they
// enter: change events (POST /api/changes, export files), claim events, the read API's route
// parameters and notification messages. What is accepted at the door can be stored (Cosmos ids and
// partition keys), read back by route, encoded into document ids and mailed.
//
//   1 to 128 characters after trimming; no whitespace, no control characters, none of / \ ? #
//   (Cosmos DB ids, route segments), no lone surrogates (not encodable as UTF-8 or a URI).
//
// Also here: how submitted values are quoted in error messages and ids written in log lines (bounded,
// with control characters and lone surrogates escaped), so a hostile value cannot forge or flood a line.
import { z } from 'zod';

export const MAX_ID_CHARS = 128;

/** Characters an id may not hold: whitespace, controls, / \ ? #. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f/\\?#]/u;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` (already trimmed) is not an id, or null when it is one. */
export function idProblem(text: string): string | null {
  if (text.length === 0) return 'must not be empty';
  if (text.length > MAX_ID_CHARS) return `must be at most ${MAX_ID_CHARS} characters`;
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (no lone surrogates)';
  if (FORBIDDEN.test(text)) return 'must not contain spaces, /, \\, ?, # or control characters';
  return null;
}

/** Whether `text` is an id as it would be stored (trimmed). */
export function isId(text: string): boolean {
  return idProblem(text) === null;
}

/** The id rule as a zod schema (trims, then checks). */
export const idSchema = z
  .string({ error: 'is required' })
  .trim()
  .superRefine((text, ctx) => {
    const problem = idProblem(text);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/** How many characters of a submitted value a message or log line quotes. */
export const MAX_QUOTED_CHARS = 80;

/**
 * A value quoted in an error message or a log line: JSON (so control characters and lone surrogates are
 * escaped: `"x\ud800"`), cut to MAX_QUOTED_CHARS with the full length said (a 1 MB value is not echoed).
 */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length <= MAX_QUOTED_CHARS ? text : `${text.slice(0, MAX_QUOTED_CHARS)}… (${text.length} characters)`;
}

/** A plain id: 1 to MAX_ID_CHARS of A–Z a–z 0–9 . _ : @ = + - (claim ids must be plain; a plain id is logged as is). */
export const PLAIN_ID_PATTERN = /^[A-Za-z0-9._:@=+-]{1,128}$/;

/** An id in a log line: as is when it is a plain id, else quoted (escaped and bounded). */
export function logId(value: unknown): string {
  return typeof value === 'string' && PLAIN_ID_PATTERN.test(value) ? value : quote(value);
}
