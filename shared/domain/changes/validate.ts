// Validating change events given as JSON (POST /api/changes, the samples' lift files) and turning
// zod issues into messages that name the field and say why.
import type { z } from 'zod';

import { formatPath } from '../facts/schema.js';
import { quote } from '../ids.js';
import { type ChangeEvent, changeEventSchema } from './events.js';

export { formatPath };

export interface ChangeError {
  /** Index in the submitted array. */
  index: number;
  /** Field path inside the change, e.g. `enrollment.anniversary` ('' for the change itself). */
  path: string;
  message: string;
}

export type ParseChangesResult =
  | { ok: true; changes: ChangeEvent[] }
  | {
      ok: false;
      errors: ChangeError[];
      /** Problems found beyond the listed `errors` (at most MAX_REPORTED_ERRORS are listed). */ moreErrors?: number;
    };

/** Changes one delivery may carry; more is refused before any is validated (split them over several requests). */
export const MAX_CHANGES_PER_DELIVERY = 5_000;
/** Problems listed in an answer (and in its stored delivery record); the rest are counted. */
export const MAX_REPORTED_ERRORS = 100;
/** Nesting any accepted body needs is under 10 levels; deeper is refused before zod (whose issues recurse). */
export const MAX_JSON_DEPTH = 32;

/**
 * Why parsed JSON is too big to validate, or null: nesting deeper than `maxDepth` levels (a scalar is
 * depth 0, `[]` is 1) or an array of more than `maxArrayItems` items. Checked iteratively, before zod
 * (whose parsing and issue formatting recurse and report per item), so 10,000 levels cannot overflow
 * the stack and a million-item array costs one pass.
 */
export function jsonBoundsProblem(
  value: unknown,
  maxDepth: number = MAX_JSON_DEPTH,
  maxArrayItems: number = MAX_CHANGES_PER_DELIVERY,
): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > maxDepth) return `nested deeper than ${maxDepth} levels`;
    if (Array.isArray(node) && node.length > maxArrayItems)
      return `an array of ${node.length} items: at most ${maxArrayItems} in one request`;
    const children = Array.isArray(node) ? node : Object.values(node as Record<string, unknown>);
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return null;
}

/**
 * Validates a JSON array of change events, or `{ "changes": [...] }`. All-or-nothing: a pushed
 * batch is answered 400 with its problems listed (the first MAX_REPORTED_ERRORS, the rest counted)
 * rather than half-applied. More than MAX_CHANGES_PER_DELIVERY changes, or nesting deeper than
 * MAX_JSON_DEPTH, is refused whole without validating the items.
 */
export function parseChangeEvents(raw: unknown): ParseChangesResult {
  const list = Array.isArray(raw)
    ? raw
    : raw !== null && typeof raw === 'object' && Array.isArray((raw as { changes?: unknown }).changes)
      ? (raw as { changes: unknown[] }).changes
      : null;
  if (!list) return { ok: false, errors: [{ index: -1, path: '', message: 'expected a JSON array of changes or {"changes": [...]}' }] };
  if (list.length > MAX_CHANGES_PER_DELIVERY) {
    return {
      ok: false,
      errors: [
        {
          index: -1,
          path: '',
          message: `${list.length} changes in one request: at most ${MAX_CHANGES_PER_DELIVERY}; split them over several requests`,
        },
      ],
    };
  }
  const tooBig = jsonBoundsProblem(raw);
  if (tooBig !== null) return { ok: false, errors: [{ index: -1, path: '', message: tooBig }] };
  const changes: ChangeEvent[] = [];
  const errors: ChangeError[] = [];
  let moreErrors = 0;
  list.forEach((item, index) => {
    const result = changeEventSchema.safeParse(item, { reportInput: true });
    if (result.success) changes.push(result.data);
    else
      for (const issue of result.error.issues) {
        if (errors.length < MAX_REPORTED_ERRORS) errors.push({ index, ...describeIssue(issue) });
        else moreErrors++;
      }
  });
  if (errors.length === 0) return { ok: true, changes };
  return moreErrors > 0 ? { ok: false, errors, moreErrors } : { ok: false, errors };
}

/** One zod issue → { path, message } in plain words. */
export function describeIssue(issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { path, message: `required ${path || 'value'} is missing` };
      if (issue.expected === 'int') return { path, message: `expected a whole number, got ${quote(input)}` };
      return { path, message: `expected ${issue.expected}, got ${describeValue(input)}` };
    case 'invalid_value':
      if (input === undefined) return { path, message: `required ${path || 'value'} is missing` };
      return {
        path,
        message: `unknown value ${quote(input)} (expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`,
      };
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        // The issue's input is the whole object; the message is about its discriminator field.
        const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : input;
        return value === undefined
          ? { path, message: `required ${issue.discriminator} is missing` }
          : { path, message: `unknown ${issue.discriminator} ${quote(value)}` };
      }
      return { path, message: issue.message };
    case 'too_small':
      if (issue.origin === 'string') return { path, message: 'must not be empty' };
      return { path, message: `must be ≥ ${String(issue.minimum)}, got ${quote(input)}` };
    case 'too_big':
      if (issue.origin === 'string') return { path, message: `must be at most ${String(issue.maximum)} characters` };
      if (issue.origin === 'array') return { path, message: `must have at most ${String(issue.maximum)} items` };
      return { path, message: `must be ≤ ${String(issue.maximum)}, got ${quote(input)}` };
    case 'invalid_format':
      return { path, message: `not a valid ${issue.format}: ${quote(input)}` };
    default:
      return { path, message: issue.message };
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `text ${quote(value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}
