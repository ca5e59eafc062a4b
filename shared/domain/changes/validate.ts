// Validating change events given as JSON (POST /api/changes, the samples' lift files) and turning
// zod issues into messages that name the field and say why.
import type { z } from 'zod';
import { formatPath } from '../facts/schema.js';
import { changeEventSchema, type ChangeEvent } from './events.js';

export { formatPath };

export interface ChangeError {
  /** Index in the submitted array. */
  index: number;
  /** Field path inside the change, e.g. `enrollment.anniversary` ('' for the change itself). */
  path: string;
  message: string;
}

export type ParseChangesResult = { ok: true; changes: ChangeEvent[] } | { ok: false; errors: ChangeError[] };

/**
 * Validates a JSON array of change events, or `{ "changes": [...] }`. All-or-nothing: a pushed
 * batch is answered 400 with every problem listed rather than half-applied.
 */
export function parseChangeEvents(raw: unknown): ParseChangesResult {
  const list = Array.isArray(raw)
    ? raw
    : raw !== null && typeof raw === 'object' && Array.isArray((raw as { changes?: unknown }).changes)
      ? ((raw as { changes: unknown[] }).changes)
      : null;
  if (!list) return { ok: false, errors: [{ index: -1, path: '', message: 'expected a JSON array of changes or {"changes": [...]}' }] };
  const changes: ChangeEvent[] = [];
  const errors: ChangeError[] = [];
  list.forEach((item, index) => {
    const result = changeEventSchema.safeParse(item, { reportInput: true });
    if (result.success) changes.push(result.data);
    else for (const issue of result.error.issues) errors.push({ index, ...describeIssue(issue) });
  });
  return errors.length ? { ok: false, errors } : { ok: true, changes };
}

/** One zod issue → { path, message } in plain words. */
export function describeIssue(issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { path, message: `required ${path || 'value'} is missing` };
      if (issue.expected === 'int') return { path, message: `expected a whole number, got ${JSON.stringify(input)}` };
      return { path, message: `expected ${issue.expected}, got ${describeValue(input)}` };
    case 'invalid_value':
      if (input === undefined) return { path, message: `required ${path || 'value'} is missing` };
      return {
        path,
        message: `unknown value ${JSON.stringify(input)} (expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`,
      };
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        // The issue's input is the whole object; the message is about its discriminator field.
        const value =
          input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[issue.discriminator] : input;
        return value === undefined
          ? { path, message: `required ${issue.discriminator} is missing` }
          : { path, message: `unknown ${issue.discriminator} ${JSON.stringify(value)}` };
      }
      return { path, message: issue.message };
    case 'too_small':
      if (issue.origin === 'string') return { path, message: 'must not be empty' };
      return { path, message: `must be ≥ ${String(issue.minimum)}, got ${JSON.stringify(input)}` };
    case 'invalid_format':
      return { path, message: `not a valid ${issue.format}: ${JSON.stringify(input)}` };
    default:
      return { path, message: issue.message };
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `text ${JSON.stringify(value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}
