// For the local stack (`npm start`): build the dashboard page when dist/web/index.html is missing or older
// than any file under web/, with the project's own Vite (a child process on this Node).
import { spawn } from 'node:child_process';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface WebBuildState {
  stale: boolean;
  /** Why a build is needed, or that the page is current. */
  reason: string;
}

async function newestUnder(dir: string): Promise<{ file: string; mtimeMs: number } | undefined> {
  let newest: { file: string; mtimeMs: number } | undefined;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = await stat(file);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

export async function webBuildState(packageRoot: string): Promise<WebBuildState> {
  const index = path.join(packageRoot, 'dist', 'web', 'index.html');
  let builtMs: number;
  try {
    builtMs = (await stat(index)).mtimeMs;
  } catch {
    return { stale: true, reason: 'dist/web/index.html is missing' };
  }
  const newest = await newestUnder(path.join(packageRoot, 'web'));
  if (newest && newest.mtimeMs > builtMs)
    return { stale: true, reason: `${path.relative(packageRoot, newest.file)} is newer than dist/web/index.html` };
  return { stale: false, reason: 'dist/web is up to date with web/' };
}

/** Runs `vite build --config web/vite.config.ts`; resolves with the time it took, rejects with its output. */
export function buildWeb(packageRoot: string): Promise<{ seconds: number }> {
  const started = Date.now();
  const vite = path.join(packageRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve({ seconds: (Date.now() - started) / 1000 });
      else reject(new Error(`vite build exited with ${code}:\n${output.trim()}`));
    });
  });
}

/** A lock beside dist/web (mkdir is atomic): two `npm start`s at once (tests) must not build over each other. */
const LOCK_WAIT_MS = 180_000;
const STALE_LOCK_MS = 600_000;

async function withBuildLock<T>(packageRoot: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(packageRoot, 'dist', '.web-build.lock');
  await mkdir(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > STALE_LOCK_MS) await rmdir(lock).catch(() => {});
      else if (Date.now() - started > LOCK_WAIT_MS)
        throw new Error(`another build holds ${lock} for more than ${LOCK_WAIT_MS / 1000} s`, { cause: err });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(lock).catch(() => {});
  }
}

/** Builds the page if stale; says what it did through `log`. Never throws: without a page the API still runs. */
export async function ensureWebBuilt(packageRoot: string, log: (line: string) => void): Promise<void> {
  try {
    if (!(await webBuildState(packageRoot)).stale) {
      log(`Dashboard: dist/web is up to date with web/`);
      return;
    }
    await withBuildLock(packageRoot, async () => {
      // Another start may have built it while this one waited for the lock.
      const state = await webBuildState(packageRoot);
      if (!state.stale) {
        log(`Dashboard: ${state.reason} (built by another start)`);
        return;
      }
      log(`Dashboard: building the page (${state.reason})…`);
      const { seconds } = await buildWeb(packageRoot);
      log(`Dashboard: built dist/web in ${seconds.toFixed(1)} s`);
    });
  } catch (err) {
    log(`Dashboard: could not build the page (the API runs without it): ${err instanceof Error ? err.message : String(err)}`);
  }
}
