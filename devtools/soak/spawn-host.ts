// Starts devtools/soak/host-child.ts (the app's local host alone) as a child process with `env`, its output
// written to `logPath`, and waits for its `SOAK_HOST_READY <url>` line: the soak run and the bench's stack
// burst both drive the host this way. `cpuProfileDir` makes the child write a CPU profile there.
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface HostChild {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The host's base URL. */
  url: string;
  /** SIGTERM, wait for the exit, close the log. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function spawnHostChild(options: {
  env: Record<string, string>;
  logPath: string;
  cpuProfileDir?: string | undefined;
  timeoutMs?: number;
}): Promise<HostChild> {
  const logFile = await open(options.logPath, 'w');
  const prof = options.cpuProfileDir;
  const child = spawn(
    process.execPath,
    [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), '--import', 'tsx', path.join(ROOT, 'devtools/soak/host-child.ts')],
    { cwd: ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let ready: string | undefined;
  let tail = '';
  const onData = (c: Buffer) => {
    void logFile.write(c);
    tail = (tail + c.toString()).slice(-4000);
    ready ??= /SOAK_HOST_READY (\S+)/.exec(tail)?.[1];
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await logFile.close();
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (!ready) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`host did not start:\n${tail}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: ready, stop };
}
