// The ExportSource adapter against Azurite through the real @azure/storage-blob SDK.
import { text } from 'node:stream/consumers';

import { describe, expect, it } from 'vitest';

import { BlobExportSource, createBlobServiceClient, ensureContainer, storageProbe } from '../../../shared/adapters/blob/exports.js';
import { advanceCursor, type ExportCursor } from '../../../shared/ports/exportSource.js';
import { stackConfig, unique } from '../helpers.js';

const config = stackConfig();
const service = createBlobServiceClient(config.AzureWebJobsStorage);

async function upload(container: ReturnType<typeof service.getContainerClient>, name: string, body: string) {
  await container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
}

describe('BlobExportSource', () => {
  it('lists blobs changed since a cursor, oldest first, and opens them', async () => {
    const container = service.getContainerClient(unique('exports'));
    await ensureContainer(container);
    const source = new BlobExportSource(container);

    await upload(container, 'b.csv', 'b');
    await upload(container, 'a.csv', 'a,1\n');
    const first = await source.listChangedSince(undefined);
    expect(first.map((b) => b.name).sort()).toEqual(['a.csv', 'b.csv']);
    expect(first[0]!.size).toBeGreaterThan(0);

    let cursor: ExportCursor | undefined;
    for (const blob of first) cursor = advanceCursor(cursor, blob);
    expect(await source.listChangedSince(cursor)).toEqual([]);

    await upload(container, 'c.csv', 'c');
    expect((await source.listChangedSince(cursor)).map((b) => b.name)).toEqual(['c.csv']);
    // Overwriting a taken blob changes it again.
    await new Promise((r) => setTimeout(r, 1100)); // blob timestamps have whole-second resolution
    await upload(container, 'a.csv', 'a,2\n');
    expect((await source.listChangedSince(cursor)).map((b) => b.name)).toEqual(['c.csv', 'a.csv']);

    expect(await text(await source.open('a.csv'))).toBe('a,2\n');
    expect((await source.listChangedSince(undefined, { prefix: 'b' })).map((b) => b.name)).toEqual(['b.csv']);
  });

  it('has a health probe on the exports container', async () => {
    const container = service.getContainerClient(unique('probe'));
    await expect(storageProbe(container).check()).rejects.toThrow();
    await ensureContainer(container);
    await expect(storageProbe(container).check()).resolves.toBeUndefined();
  });
});
