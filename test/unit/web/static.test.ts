// Static serving of the dashboard: content types, cache headers, the page for client-side routes,
// 404 for missing assets, and no way out of the root.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dashboardHandler } from '../../../shared/handlers/dashboard.js';
import { defaultWebRoot, findPackageRoot, IMMUTABLE, NO_CACHE, safeRelative, serveStatic } from '../../../shared/web/static.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'dt-web-'));
  root = path.join(base, 'web');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Dashboard</title>');
  await writeFile(path.join(root, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  await writeFile(path.join(root, 'assets', 'index-Zz9_x-Yy.css'), 'body{}');
  await writeFile(path.join(root, 'favicon.svg'), '<svg/>');
  // A secret beside the root: nothing may reach it.
  await writeFile(path.join(base, 'secret.txt'), 'secret');
  await writeFile(path.join(base, 'web-secret.txt'), 'secret');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('answers / and index.html with the page, not cached', async () => {
    for (const p of ['', '/', 'index.html']) {
      const res = await serveStatic(root, p);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe(NO_CACHE);
      expect(String(res.body)).toContain('<title>Dashboard</title>');
    }
  });

  it('serves hashed assets immutable with their content type', async () => {
    const js = await serveStatic(root, 'assets/index-AbCd1234.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe(IMMUTABLE);
    const css = await serveStatic(root, 'assets/index-Zz9_x-Yy.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe(IMMUTABLE);
    const svg = await serveStatic(root, 'favicon.svg');
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['cache-control']).not.toBe(IMMUTABLE);
  });

  it('answers client-side routes with index.html and missing assets with 404', async () => {
    const route = await serveStatic(root, 'partners/4100003');
    expect(route.status).toBe(200);
    expect(String(route.body)).toContain('Dashboard');
    for (const missing of ['assets/index-00000000.js', 'assets/whatever', 'logo.png', 'partners/4100003/chart.js']) {
      const res = await serveStatic(root, missing);
      expect(res.status, missing).toBe(404);
    }
  });

  it('never leaves the root', async () => {
    const attempts = [
      '../secret.txt',
      '/../secret.txt',
      'assets/../../secret.txt',
      '..%2fsecret.txt',
      '%2e%2e/secret.txt',
      '%2e%2e%2fsecret.txt',
      '%252e%252e%252fsecret.txt',
      '..\\secret.txt',
      '..%5csecret.txt',
      '../web-secret.txt',
      'C:/Windows/win.ini',
      'index.html%00.js',
      '%E0%A4%A',
    ];
    for (const a of attempts) {
      const res = await serveStatic(root, a);
      expect(String(res.body), a).not.toContain('secret');
      expect([404, 200], a).toContain(res.status);
      if (res.status === 200) expect(String(res.body), a).toContain('Dashboard');
    }
    expect(safeRelative('../secret.txt')).toBeUndefined();
    expect(safeRelative('a/./b//c')).toBe('a/b/c');
  });

  it('says the page is not built when dist/web has no index.html', async () => {
    const res = await serveStatic(path.join(base, 'nowhere'), '');
    expect(res.status).toBe(503);
    expect(String(res.body)).toMatch(/build:web/);
  });

  it('finds dist/web under the package root', () => {
    const pkgRoot = findPackageRoot();
    expect(path.basename(defaultWebRoot())).toBe('web');
    expect(defaultWebRoot()).toBe(path.join(pkgRoot, 'dist', 'web'));
  });
});

describe('dashboard handler', () => {
  const ctx = new InvocationContext({ functionName: 'dashboard' });
  const get = (p: string) =>
    dashboardHandler({ root })(new HttpRequest({ method: 'GET', url: `http://localhost/${p}`, params: { path: p } }), ctx);

  it('serves the page and its assets', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    expect((res.headers as Record<string, string>)['content-type']).toMatch(/text\/html/);
    expect((await get('assets/index-AbCd1234.js')).status).toBe(200);
  });

  it('does not answer under api/ (an unknown API route stays a JSON 404)', async () => {
    for (const p of ['api', 'api/nope', 'API/partners/x/y/z']) {
      const res = await get(p);
      expect(res.status, p).toBe(404);
      expect(res.jsonBody, p).toMatchObject({ error: expect.any(String) });
    }
  });
});
