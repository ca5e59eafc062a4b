import type { InvocationContext, Timer } from '@azure/functions';
import {
  advanceCursor,
  DocumentConflictError,
  DocumentPreconditionError,
  OPERATIONS_PK,
  type Clock,
  type DocumentStore,
  type ExportBlob,
  type ExportCursor,
  type ExportSource,
} from '../ports/index.js';

export const EXPORTS_CURSOR_ID = 'exports';

interface CursorDoc {
  id: string;
  pk: string;
  type: 'blob-cursor';
  cursor: ExportCursor;
  updatedAt: string;
  [k: string]: unknown;
}

/**
 * Timer → list export blobs changed since the stored cursor and move the cursor past them.
 * Skeleton: it only lists; the pipeline issue parses each blob (via `process`) before advancing.
 * The cursor is written with an ETag condition, so two overlapping runs cannot both advance it.
 */
export function importExportsHandler(deps: {
  store: DocumentStore;
  exports: ExportSource;
  clock: Clock;
  process?: (blob: ExportBlob, context: InvocationContext) => Promise<void>;
}) {
  return async (_timer: Timer, context: InvocationContext): Promise<{ taken: number }> => {
    const operations = deps.store.collection('operations');
    const stored = await operations.read<CursorDoc>(EXPORTS_CURSOR_ID, OPERATIONS_PK.blobCursors);
    let cursor = stored?.doc.cursor;
    const blobs = await deps.exports.listChangedSince(cursor);
    if (blobs.length === 0) return { taken: 0 };
    for (const blob of blobs) {
      if (deps.process) await deps.process(blob, context);
      cursor = advanceCursor(cursor, blob);
    }
    const doc: CursorDoc = {
      id: EXPORTS_CURSOR_ID,
      pk: OPERATIONS_PK.blobCursors,
      type: 'blob-cursor',
      cursor: cursor!,
      updatedAt: deps.clock.now().toISOString(),
    };
    try {
      if (stored) await operations.replace(doc, stored.etag);
      else await operations.create(doc);
    } catch (err) {
      if (err instanceof DocumentPreconditionError || err instanceof DocumentConflictError) {
        context.warn('importExports: another run moved the cursor first; leaving it to that run');
        return { taken: 0 };
      }
      throw err;
    }
    context.log(`importExports: took ${blobs.length} blob(s), cursor at ${doc.cursor.lastModified}`);
    return { taken: blobs.length };
  };
}
