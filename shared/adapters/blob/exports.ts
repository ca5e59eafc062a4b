import type { Readable } from 'node:stream';

import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

import type { BlobAccess } from '../../config/connections.js';
import { compareBlobs, type ExportBlob, type ExportCursor, type ExportSource, isAfterCursor } from '../../ports/exportSource.js';
import { type HealthProbe } from '../../ports/health.js';
import { type CredentialFactory, defaultCredentials } from '../identity/credential.js';

/**
 * From a connection string (AzureWebJobsStorage), or keyless: the blob service URI plus the app's identity
 * (Storage Blob Data Owner or Contributor on the account).
 */
export function createBlobServiceClient(
  access: BlobAccess | string,
  credentials: CredentialFactory = defaultCredentials,
): BlobServiceClient {
  if (typeof access === 'string') return BlobServiceClient.fromConnectionString(access);
  return access.auth === 'connectionString'
    ? BlobServiceClient.fromConnectionString(access.connectionString)
    : new BlobServiceClient(access.blobServiceUri, credentials(access.identity));
}

/**
 * ExportSource over a blob container. Listing is a full scan of the container (or prefix), which is fine for
 * a few thousand export files; blob storage has no "changed since" query without the change feed.
 */
export class BlobExportSource implements ExportSource {
  constructor(private readonly container: ContainerClient) {}

  async listChangedSince(cursor: ExportCursor | undefined, options: { prefix?: string } = {}): Promise<ExportBlob[]> {
    const out: ExportBlob[] = [];
    const listOptions = options.prefix ? { prefix: options.prefix } : {};
    for await (const item of this.container.listBlobsFlat(listOptions)) {
      const blob: ExportBlob = {
        name: item.name,
        lastModified: item.properties.lastModified.toISOString(),
        etag: item.properties.etag,
        size: item.properties.contentLength ?? 0,
      };
      if (isAfterCursor(blob, cursor)) out.push(blob);
    }
    return out.sort(compareBlobs);
  }

  async open(name: string): Promise<Readable> {
    const res = await this.container.getBlobClient(name).download();
    if (!res.readableStreamBody) throw new Error(`blob ${name} has no body`);
    return res.readableStreamBody as Readable;
  }
}

export async function ensureContainer(container: ContainerClient): Promise<void> {
  await container.createIfNotExists();
}

export function storageProbe(container: ContainerClient): HealthProbe {
  return {
    name: 'storage',
    async check() {
      await container.getProperties();
    },
  };
}
