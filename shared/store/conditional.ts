// Conditional writes over the DocumentStore port, shared by every use case that keeps a document
// idempotent (partner documents, export and Insights cursors, webhook deliveries, notification records).
import {
  type Document,
  type DocumentCollection,
  DocumentConflictError,
  DocumentPreconditionError,
  type Versioned,
} from '../ports/index.js';

/** A conditional write lost a race: someone created the document first, or changed it since it was read. */
export function isWriteConflict(err: unknown): boolean {
  return err instanceof DocumentConflictError || err instanceof DocumentPreconditionError;
}

/**
 * Writes `doc` only if it is still the version that was read: creates it when `etag` is null or undefined
 * (it did not exist; DocumentConflictError if someone created it meanwhile), else replaces it if still at
 * `etag` (DocumentPreconditionError otherwise).
 */
export function writeOnEtag<T extends Document>(
  collection: DocumentCollection,
  doc: T,
  etag: string | null | undefined,
): Promise<Versioned<T>> {
  return etag === null || etag === undefined ? collection.create(doc) : collection.replace(doc, etag);
}

/**
 * Creates `doc` unless a document with its id exists in `partitionKey`: `{ created }` when this call made it,
 * else `{ existing }`, the document that was there (undefined if it was deleted between the two calls).
 */
export async function createOrRead<T extends Document>(
  collection: DocumentCollection,
  doc: T,
  partitionKey: string,
): Promise<{ created: Versioned<T> } | { existing: Versioned<T> | undefined }> {
  try {
    return { created: await collection.create(doc) };
  } catch (err) {
    if (!(err instanceof DocumentConflictError)) throw err;
  }
  return { existing: await collection.read<T>(doc.id, partitionKey) };
}
