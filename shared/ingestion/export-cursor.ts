// The export pull's cursor: one document per blob container (operations, pk blob-cursors, id = the
// container name), written only with the ETag it was read with. That condition is what keeps two
// overlapping pulls from both moving on: the second writer gets a precondition failure and stops.
import { type DocumentStore, OPERATIONS_PK, type Versioned } from '../ports/documentStore.js';
import { type ExportCursor } from '../ports/exportSource.js';
import { isWriteConflict, writeOnEtag } from '../store/conditional.js';

export interface ExportCursorDoc {
  id: string;
  pk: typeof OPERATIONS_PK.blobCursors;
  type: 'blob-cursor';
  container: string;
  cursor: ExportCursor;
  updatedAt: string;
  [field: string]: unknown;
}

export async function readExportCursor(store: DocumentStore, container: string): Promise<Versioned<ExportCursorDoc> | undefined> {
  return store.collection('operations').read<ExportCursorDoc>(container, OPERATIONS_PK.blobCursors);
}

/**
 * Saves the cursor if nobody moved it since `etag` (undefined = it did not exist). Returns the new
 * ETag, or null when another run got there first.
 */
export async function saveExportCursor(
  store: DocumentStore,
  container: string,
  cursor: ExportCursor,
  etag: string | undefined,
  now: Date,
): Promise<string | null> {
  const doc: ExportCursorDoc = {
    id: container,
    pk: OPERATIONS_PK.blobCursors,
    type: 'blob-cursor',
    container,
    cursor,
    updatedAt: now.toISOString(),
  };
  try {
    return (await writeOnEtag(store.collection('operations'), doc, etag)).etag;
  } catch (err) {
    if (isWriteConflict(err)) return null;
    throw err;
  }
}
