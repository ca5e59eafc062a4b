// The real `pcs` command, spawned as outside checks run it (node --import tsx shared/cli/pcs.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '../..');

/**
 * A spawn of `node --import tsx` takes about 1–3 s on an idle machine and several times that on a loaded
 * 2-core one: a test's timeout is sized by how many processes it spawns, never vitest's 5 s default.
 */
export const PER_SPAWN_MS = 20_000;
export const spawns = (n: number) => ({ timeout: n * PER_SPAWN_MS });

export function pcs(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'shared/cli/pcs.ts'), ...args], {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch directory whose `file(name, content)` writes JSON (or text) and returns the path. */
export function scratch(prefix: string): { dir: string; file: (name: string, content: unknown) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
  };
}
