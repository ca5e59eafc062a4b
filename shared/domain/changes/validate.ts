// Validating change events given as JSON (POST /api/changes, the samples' lift files) and turning
// zod issues into messages that name the field and say why.
import { describeIssue } from '../issues.js';
import { type ChangeEvent, changeEventSchema } from './events.js';

// The one formatter lives in shared/domain/issues.ts; re-exported for the importers of this module.
export { describeIssue, formatPath } from '../issues.js';

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
