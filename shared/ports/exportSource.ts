import type { Readable } from 'node:stream';

// Partner Center exports land as blobs; the import job reads those changed since its cursor.

export interface ExportBlob {
  name: string;
  /** ISO timestamp (blob storage keeps whole seconds). */
  lastModified: string;
  etag: string;
  size: number;
}

/**
 * Where the import got to. Blob timestamps have one-second resolution, so a cursor keeps the names already
 * taken at its `lastModified` second: a blob written later in that same second is still picked up.
 */
export interface ExportCursor {
  lastModified: string;
  namesAtLastModified: string[];
}

export interface ExportSource {
  /** Blobs changed after the cursor (all blobs without one), oldest first, ties by name. */
  listChangedSince(cursor: ExportCursor | undefined, options?: { prefix?: string }): Promise<ExportBlob[]>;
  /** Opens one blob for reading. */
  open(name: string): Promise<Readable>;
}

/** True if the blob comes after the cursor. */
export function isAfterCursor(blob: ExportBlob, cursor: ExportCursor | undefined): boolean {
  if (!cursor) return true;
  const a = Date.parse(blob.lastModified);
  const c = Date.parse(cursor.lastModified);
  return a > c || (a === c && !cursor.namesAtLastModified.includes(blob.name));
}

/** The cursor after taking `blob` (blobs must be taken in listing order). */
export function advanceCursor(cursor: ExportCursor | undefined, blob: ExportBlob): ExportCursor {
  if (cursor && Date.parse(cursor.lastModified) === Date.parse(blob.lastModified)) {
    return { lastModified: cursor.lastModified, namesAtLastModified: [...cursor.namesAtLastModified, blob.name] };
  }
  return { lastModified: blob.lastModified, namesAtLastModified: [blob.name] };
}

export function compareBlobs(a: ExportBlob, b: ExportBlob): number {
  const d = Date.parse(a.lastModified) - Date.parse(b.lastModified);
  return d !== 0 ? d : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
