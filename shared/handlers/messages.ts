// Shared by the queue handlers: the message bodies themselves are validated by their own schemas
// (shared/domain/changes/message.ts, shared/pipeline/nightly.ts, shared/notifications/message.ts).
// "field: why; field: why" from a zod error: the one formatter, shared/domain/issues.ts.
export { describeIssues } from '../domain/issues.js';
