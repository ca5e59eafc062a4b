// The data directory of npm start: the business-day marker (statuses never rewind), --fresh, and the
// one-line port check.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { emptyDataDir, latestBusinessDay, recordBusinessDay, rewindProblem } from '../../../devtools/standins/data-dir.js';
import { portsInUse } from '../../../devtools/standins/ports.js';
import { loadLocalSettings } from '../../../devtools/standins/settings.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dt-data-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('business-day marker', () => {
  it('keeps the latest day; an earlier day is a rewind, the same or a later one is not', async () => {
    expect(await rewindProblem(dir, '2026-11-21')).toBeUndefined();
    await recordBusinessDay(dir, '2026-11-25');
    await recordBusinessDay(dir, '2026-11-22'); // never moves back
    expect(await latestBusinessDay(dir)).toBe('2026-11-25');
    expect(await rewindProblem(dir, '2026-11-25')).toBeUndefined();
    expect(await rewindProblem(dir, '2026-12-01')).toBeUndefined();
    const problem = await rewindProblem(dir, '2026-11-21');
    expect(problem).toContain('LOCAL_TODAY=2026-11-21 is before 2026-11-25');
    expect(problem).toContain('--fresh');
    expect(problem).not.toContain('\n');
  });
});

describe('--fresh', () => {
  it("empties the stack's data and the marker", async () => {
    await mkdir(path.join(dir, 'cosmos'));
    await writeFile(path.join(dir, 'cosmos', 'cosmos.journal.jsonl'), '{}\n');
    await recordBusinessDay(dir, '2026-11-25');
    await emptyDataDir(dir);
    expect(await readdir(dir)).toEqual([]);
    expect(await rewindProblem(dir, '2026-11-01')).toBeUndefined();
  });

  it("refuses a directory holding files that are not the stack's (LOCAL_DATA_DIR pointed somewhere else)", async () => {
    await writeFile(path.join(dir, 'thesis.docx'), 'precious');
    await expect(emptyDataDir(dir)).rejects.toThrow(/not the local stack's \(thesis\.docx\)/);
    expect(await readdir(dir)).toEqual(['thesis.docx']);
  });

  it('LOCAL_DATA_DIR defaults to .local/data', () => {
    expect(loadLocalSettings({}).LOCAL_DATA_DIR).toBe('.local/data');
    expect(loadLocalSettings({ LOCAL_DATA_DIR: '/tmp/x' }).LOCAL_DATA_DIR).toBe('/tmp/x');
  });
});

describe('portsInUse', () => {
  it('names the setting of a taken port, one line each; free ports and 0 pass', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const taken = (server.address() as net.AddressInfo).port;
    try {
      const free = await new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as net.AddressInfo).port;
          s.close(() => resolve(p));
        });
      });
      expect(
        await portsInUse([
          { setting: 'LOCAL_HTTP_PORT', port: taken },
          { setting: 'LOCAL_COSMOS_PORT', port: free },
          { setting: 'LOCAL_SMTP_PORT', port: 0 },
        ]),
      ).toEqual([`LOCAL_HTTP_PORT=${taken} is in use`]);
    } finally {
      server.close();
    }
  });
});
