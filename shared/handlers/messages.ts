// Shared by the queue handlers: the message bodies themselves are validated by their own schemas
// (shared/domain/changes/message.ts, shared/pipeline/nightly.ts, shared/notifications/message.ts).
import type { z } from 'zod';

/** "field: why; field: why" from a zod error, for rejection records and 400 answers. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}
