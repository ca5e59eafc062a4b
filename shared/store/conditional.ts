// Conditional writes over the DocumentStore port, shared by every use case that keeps a document
// idempotent (partner documents, export and Insights cursors, webhook deliveries, notification records).
import {
  type Document,
  type DocumentCollection,
  DocumentConflictError,
  DocumentPreconditionError,
  type Versioned,
} from '../ports/documentStore.js';

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

/** Returned by an attempt of retryOnConflict to make another one without an error (e.g. the document was deleted meanwhile). */
export const TRY_AGAIN: unique symbol = Symbol('try again');

export interface ConflictRetryOptions<R> {
  /** Attempts at most (Infinity: until one succeeds). */
  maxAttempts: number;
  /** The errors that make another attempt (default: isWriteConflict); any other is thrown at once. */
  retryOn?: (err: unknown) => boolean;
  /** Before the next attempt, after attempt `attempt` failed with `err` (undefined after TRY_AGAIN). */
  onRetry?: (err: unknown, attempt: number) => void | Promise<void>;
  /** What to answer when every attempt failed (`lastError`: the last retried error, undefined after TRY_AGAIN); default: throw it. */
  exhausted?: (lastError: unknown) => R | Promise<R>;
}

/**
 * The one read-modify-write loop over conditional writes: runs `attempt` (which reads, decides and writes
 * with writeOnEtag / replace on the etag it read) until it returns; a lost race (retryOn) or TRY_AGAIN
 * makes the next attempt read again, up to maxAttempts.
 */
export async function retryOnConflict<R>(
  attempt: (n: number) => Promise<R | typeof TRY_AGAIN>,
  options: ConflictRetryOptions<R>,
): Promise<R> {
  const retryOn = options.retryOn ?? isWriteConflict;
  let lastError: unknown;
  for (let n = 1; n <= options.maxAttempts; n++) {
    let err: unknown;
    try {
      const result = await attempt(n);
      if (result !== TRY_AGAIN) return result;
    } catch (e) {
      if (!retryOn(e)) throw e;
      err = e;
    }
    lastError = err;
    await options.onRetry?.(err, n);
  }
  if (options.exhausted) return options.exhausted(lastError);
  throw lastError ?? new Error(`still conflicting after ${options.maxAttempts} attempts`);
}
