// Static serving of the built dashboard (dist/web, made by `vite build`): safe path resolution, content
// types and cache headers. Pure apart from reading files under the given root; the HTTP handler is
// shared/handlers/dashboard.ts.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** index.html: always revalidated, so a new deployment shows at once. */
export const NO_CACHE = 'no-cache';
/** Vite's content-hashed files under assets/: a new build gives new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Anything else (favicon, …): short. */
export const SHORT_CACHE = 'public, max-age=300';

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** The package root (the folder with package.json) above `fromUrl`: the same walk works under tsx and in dist/. */
export function findPackageRoot(fromUrl: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}

/** Where `vite build` writes the page: <package root>/dist/web. */
export function defaultWebRoot(): string {
  return path.join(findPackageRoot(), 'dist', 'web');
}

const HASHED = /^assets\/.+[.-][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** A path that names a file (has an extension in its last segment): a miss is a 404, not the page. */
function looksLikeAsset(rel: string): boolean {
  const last = rel.split('/').pop() ?? '';
  return rel.startsWith('assets/') || /\.[A-Za-z0-9]+$/.test(last);
}

export function cacheControlFor(rel: string): string {
  if (rel === 'index.html' || rel.endsWith('.html')) return NO_CACHE;
  return HASHED.test(rel) ? IMMUTABLE : SHORT_CACHE;
}

export function contentTypeFor(rel: string): string {
  return CONTENT_TYPES[path.extname(rel).toLowerCase()] ?? 'application/octet-stream';
}

function notFound(what: string): StaticResponse {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: `not found: ${what}` };
}

/**
 * Normalises a request path (the route's `{*path}`, undecoded or decoded) to a path relative to the root,
 * or undefined when it tries to leave it (`..`, absolute, backslashes, NUL, encoded separators).
 */
export function safeRelative(requestPath: string | undefined): string | undefined {
  let p = requestPath ?? '';
  // Decode once; a second layer of encoding stays literal (and then fails the checks below or misses).
  try {
    p = decodeURIComponent(p);
  } catch {
    return undefined;
  }
  if (p.includes('\0') || p.includes('\\')) return undefined;
  const segments = p.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || s.includes('%') || /^[A-Za-z]:/.test(s))) return undefined;
  return segments.join('/');
}

async function fileResponse(root: string, rel: string, status = 200): Promise<StaticResponse | undefined> {
  const full = path.resolve(root, rel);
  // Belt and braces: the resolved file must still be under the root.
  if (full !== root && !full.startsWith(root + path.sep)) return undefined;
  try {
    const s = await stat(full);
    if (!s.isFile()) return undefined;
  } catch {
    return undefined;
  }
  return {
    status,
    headers: {
      'content-type': contentTypeFor(rel),
      'cache-control': cacheControlFor(rel),
      'x-content-type-options': 'nosniff',
      ...(rel.endsWith('.html') ? { 'referrer-policy': 'no-referrer' } : {}),
    },
    body: await readFile(full),
  };
}

/**
 * Answers a GET for `requestPath` from `root`: the file when it exists; index.html for `/` and for a
 * path that is not a file name (client-side routes); 404 for a missing asset or a path leaving the root;
 * 503 when the page was never built.
 */
export async function serveStatic(root: string, requestPath: string | undefined): Promise<StaticResponse> {
  const absRoot = path.resolve(root);
  const rel = safeRelative(requestPath);
  if (rel === undefined) return notFound('path outside the dashboard');
  if (rel !== '' && rel !== 'index.html') {
    const file = await fileResponse(absRoot, rel);
    if (file) return file;
    if (looksLikeAsset(rel)) return notFound(rel);
  }
  const index = await fileResponse(absRoot, 'index.html');
  if (index) return index;
  return {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    body: 'the dashboard is not built: run `npm run build:web` (npm start builds it when it is missing or stale)',
  };
}
