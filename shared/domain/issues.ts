// The one zod-issue formatter: a zod issue → { path, message } in plain words that name the field and say
// why, for every door that validates JSON (change events, claim events, facts documents, queue messages).
// Pure: zod types only.
import type { z } from 'zod';

import { quote } from './ids.js';

/** A zod issue path as JSON-ish text: `customers[2].usage[0].month`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

export interface IssueWording {
  /**
   * A required value that is missing is named by its field (`required partnerId is missing`, the default)
   * or by what was expected (`required string is missing`, the scoring contract's wording).
   */
  missing?: 'field' | 'expected';
  /** A value of the wrong type is named by its value (`got text "12"`, the default) or its JSON type (`got string`). */
  got?: 'value' | 'type';
  /** Per discriminator field, the values it may take, said after an unknown one: `(expected "a" or "b")`. */
  expectedDiscriminators?: Readonly<Record<string, string>>;
}

export interface DescribedIssue {
  path: string;
  message: string;
}

/** One zod issue → { path, message } in plain words. */
export function describeIssue(issue: z.core.$ZodIssue, wording: IssueWording = {}): DescribedIssue {
  const path = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  const byExpected = wording.missing === 'expected';
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { path, message: `required ${byExpected ? issue.expected : path || 'value'} is missing` };
      if (issue.expected === 'int') return { path, message: `expected a whole number, got ${quote(input)}` };
      return { path, message: `expected ${issue.expected}, got ${wording.got === 'type' ? jsonType(input) : describeValue(input)}` };
    case 'invalid_value':
      if (input === undefined) return { path, message: `required ${byExpected ? 'value' : path || 'value'} is missing` };
      return {
        path,
        message: `unknown value ${quote(input)} (expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`,
      };
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        // The issue's input is the whole object; the message is about its discriminator field.
        const field = issue.discriminator;
        const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[field] : input;
        if (value === undefined) return { path, message: `required ${field} is missing` };
        const expected = wording.expectedDiscriminators?.[field];
        return { path, message: `unknown ${field} ${quote(value)}${expected ? ` (expected ${expected})` : ''}` };
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

/**
 * "field: why; field: why" from a zod error in one line, for rejection records of queue messages
 * (zod's own messages; the path joined with dots, `(body)` for the message itself).
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}

/** A value's JSON type: `null`, `array`, `string`, … (`NaN`/`Infinity` as themselves). */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `text ${quote(value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}
