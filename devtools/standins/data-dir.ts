// The data directory of `npm start` (LOCAL_DATA_DIR, default .local/data): azurite/, cosmos/ and
// servicebus/ hold the stand-ins' data; business-day.json remembers the latest business day the stack ran
// on, so a restart with an earlier LOCAL_TODAY stops instead of rewinding statuses.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MARKER = 'business-day.json';
/** What may be in a data directory; --fresh refuses to empty one holding anything else. */
const OURS = new Set(['azurite', 'cosmos', 'servicebus', MARKER, `${MARKER}.tmp`]);

export async function latestBusinessDay(dir: string): Promise<string | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, MARKER), 'utf8')) as { lastDay?: unknown };
    return typeof parsed.lastDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(parsed.lastDay) ? parsed.lastDay : undefined;
  } catch {
    return undefined;
  }
}

/** Why starting on `day` would rewind the data in `dir`, or undefined when it would not. */
export async function rewindProblem(dir: string, day: string, setting = 'LOCAL_TODAY'): Promise<string | undefined> {
  const last = await latestBusinessDay(dir);
  if (!last || day >= last) return undefined;
  return (
    `${setting}=${day} is before ${last}, the latest business day the data in ${dir} was processed on; statuses never rewind. ` +
    `Set ${setting} to ${last} or later, or start empty with: npm start -- --fresh`
  );
}

/** Records `day` as processed, unless a later one already is (atomic: temp file + rename). */
export async function recordBusinessDay(dir: string, day: string): Promise<void> {
  const last = await latestBusinessDay(dir);
  if (last && last >= day) return;
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, MARKER);
  await writeFile(`${file}.tmp`, `${JSON.stringify({ lastDay: day, recordedAt: new Date().toISOString() })}\n`);
  await rename(`${file}.tmp`, file);
}

/** Keeps the marker up to date while the stack runs (the business day moves at midnight UTC). */
export function keepBusinessDay(dir: string, today: () => string, everyMs = 60_000): { stop(): void } {
  const write = () => void recordBusinessDay(dir, today()).catch(() => {});
  write();
  const timer = setInterval(write, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Empties the data directory (--fresh). Refuses a directory holding files that are not the stack's. */
export async function emptyDataDir(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const foreign = entries.filter((e) => !OURS.has(e));
  if (foreign.length > 0) {
    throw new Error(
      `LOCAL_DATA_DIR=${dir} holds files that are not the local stack's (${foreign.slice(0, 3).join(', ')}); --fresh does not delete them. Point LOCAL_DATA_DIR at a directory of its own.`,
    );
  }
  for (const e of entries) await rm(path.join(dir, e), { recursive: true, force: true });
}

/** Whether the directory holds any stand-in data yet. */
export async function hasData(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((e) => e !== MARKER);
  } catch {
    return false;
  }
}
