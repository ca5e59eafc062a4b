// npm start builds the page only when dist/web/index.html is missing or older than a file under web/.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ensureWebBuilt, webBuildState } from '../../../shared/web/build.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dt-webbuild-'));
  await mkdir(path.join(root, 'web', 'src'), { recursive: true });
  await writeFile(path.join(root, 'web', 'index.html'), '<!doctype html>');
  await writeFile(path.join(root, 'web', 'src', 'main.tsx'), 'x');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const at = (file: string, seconds: number) => utimes(file, seconds, seconds);

describe('webBuildState', () => {
  it('is stale when dist/web/index.html is missing', async () => {
    expect(await webBuildState(root)).toEqual({ stale: true, reason: 'dist/web/index.html is missing' });
  });

  it('is current when the build is newer than every file under web/', async () => {
    await mkdir(path.join(root, 'dist', 'web'), { recursive: true });
    const built = path.join(root, 'dist', 'web', 'index.html');
    await writeFile(built, 'built');
    await at(path.join(root, 'web', 'index.html'), 1_000);
    await at(path.join(root, 'web', 'src', 'main.tsx'), 1_000);
    await at(built, 2_000);
    expect((await webBuildState(root)).stale).toBe(false);
  });

  it('is stale when a source under web/ (nested too) changed after the build', async () => {
    await mkdir(path.join(root, 'dist', 'web'), { recursive: true });
    const built = path.join(root, 'dist', 'web', 'index.html');
    await writeFile(built, 'built');
    await at(path.join(root, 'web', 'index.html'), 1_000);
    await at(built, 2_000);
    await at(path.join(root, 'web', 'src', 'main.tsx'), 3_000);
    const state = await webBuildState(root);
    expect(state.stale).toBe(true);
    expect(state.reason).toBe(`${path.join('web', 'src', 'main.tsx')} is newer than dist/web/index.html`);
  });
});

describe('ensureWebBuilt', () => {
  it('says the page is current without building', async () => {
    await mkdir(path.join(root, 'dist', 'web'), { recursive: true });
    const built = path.join(root, 'dist', 'web', 'index.html');
    await writeFile(built, 'built');
    await at(path.join(root, 'web', 'index.html'), 1_000);
    await at(path.join(root, 'web', 'src', 'main.tsx'), 1_000);
    await at(built, 2_000);
    const lines: string[] = [];
    await ensureWebBuilt(root, (l) => lines.push(l));
    expect(lines).toEqual(['Dashboard: dist/web is up to date with web/']);
  });

  it('reports a failed build and does not throw', async () => {
    const lines: string[] = [];
    await ensureWebBuilt(root, (l) => lines.push(l)); // no node_modules/vite under this root
    expect(lines[0]).toMatch(/building the page \(dist\/web\/index.html is missing\)/);
    expect(lines[1]).toMatch(/could not build the page/);
  });
});
