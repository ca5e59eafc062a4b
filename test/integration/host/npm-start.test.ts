// `npm start` as a person runs it: it answers /api/health, and Ctrl-C (SIGINT to the whole foreground
// process group, as a terminal sends it) stops it with no process left behind. Free ports throughout.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { freePortStackEnv } from '../../../devtools/host/stack-env.js';
import { waitFor } from '../helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('answers GET /api/health with 200, and SIGINT leaves no process behind', async () => {
    const mailDir = await mkdtemp(path.join(os.tmpdir(), 'dt-start-'));
    // Whatever the developer's shell points at, this test uses stand-ins only (no real resource, no internet).
    const env = freePortStackEnv(process.env, mailDir, {
      // Kept data goes to the temp dir too, never into the working tree's .local/data.
      LOCAL_DATA_DIR: path.join(mailDir, 'data'),
    });
    const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const pgid = child.pid!;

    try {
      const healthUrl = await waitFor(
        'the ready line of npm start',
        async () => {
          if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
          return /health: (http:\/\/\S+\/api\/health)/.exec(output)?.[1];
        },
        60_000,
      );
      const res = await fetch(healthUrl);
      expect(res.status, output).toBe(200);

      const standInPids = [...output.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
      expect(standInPids.length, output).toBeGreaterThanOrEqual(2); // Azurite and Cosmos run as child processes
      for (const pid of standInPids) expect(alive(pid)).toBe(true);

      process.kill(-pgid, 'SIGINT');
      await exited;
      await waitFor('every stand-in process to be gone', async () => standInPids.every((pid) => !alive(pid)) && !groupAlive(pgid), 15_000);
      expect(standInPids.filter(alive)).toEqual([]);
      expect(groupAlive(pgid)).toBe(false);
      expect(output).toMatch(/SIGINT: stopping/);
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
      await rm(mailDir, { recursive: true, force: true });
    }
  });
});
