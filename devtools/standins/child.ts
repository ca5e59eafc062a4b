// Child processes for stand-ins: each runs under guard.mjs (dies with its parent), in its own process group
// (a terminal's Ctrl-C reaches the parent only, which then stops children in order), tracked by PID and
// killed on any exit of this process, normal or not.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const GUARD_SCRIPT = path.join(here, 'guard.mjs');

const live = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: SIGKILL whatever is still tracked.
  process.on('exit', () => {
    for (const pid of live) killGroup(pid, 'SIGKILL');
  });
}

/** PIDs of stand-in children still running (for the shutdown test and diagnostics). */
export function liveChildPids(): number[] {
  return [...live];
}

/** Synchronously kills every tracked child (uncaught-error path). */
export function killAllChildrenNow(): void {
  for (const pid of live) killGroup(pid, 'SIGKILL');
}

export interface GuardedChild {
  name: string;
  pid: number;
  process: ChildProcess;
  /** Last lines the child printed (for error messages). */
  output(): string;
  /** Set once the child has exited. */
  exitInfo(): string | undefined;
  stop(): Promise<void>;
}

export function spawnGuarded(name: string, script: string, args: string[], env?: NodeJS.ProcessEnv): GuardedChild {
  installExitHook();
  const child = spawn(process.execPath, [GUARD_SCRIPT, script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
    env: env ?? process.env,
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${script}`);
  const pid = child.pid;
  live.add(pid);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitInfo: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitInfo = `${name} exited (${signal ?? `code ${code}`})`;
      live.delete(pid);
      resolve();
    });
  });
  // Not ref'd by the IPC channel or pipes: the parent decides when to stop, not the child's handles.
  child.unref();
  (child.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  (child.channel as unknown as { unref?: () => void } | undefined)?.unref?.();

  return {
    name,
    pid,
    process: child,
    output: () => lines.join('\n'),
    exitInfo: () => exitInfo,
    async stop() {
      if (exitInfo) return;
      // Disconnecting makes guard.mjs exit at once; SIGKILL the group if it has not within 3 s.
      try {
        if (child.connected) child.disconnect();
      } catch {
        /* ignore */
      }
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
      // Anything the child itself started lives in its group.
      killGroup(pid, 'SIGKILL');
    },
  };
}

/** Waits for the child's first IPC message matching `pick`. */
export function waitForMessage<T>(child: GuardedChild, pick: (m: unknown) => T | undefined, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${child.name} did not report ready within ${timeoutMs} ms\n${child.output()}`));
    }, timeoutMs);
    const onMessage = (m: unknown) => {
      const v = pick(m);
      if (v !== undefined) {
        cleanup();
        resolve(v);
      }
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`${child.exitInfo() ?? `${child.name} exited`} before it was ready\n${child.output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.process.off('message', onMessage);
      child.process.off('exit', onExit);
    };
    child.process.on('message', onMessage);
    child.process.once('exit', onExit);
  });
}
