// The dashboard page: Preact (JSX compiled by Vite's own transformer, automatic runtime, no Babel) and
// Chart.js, bundled into dist/web (served by the Function App's `dashboard` function). Nothing is
// loaded from another origin: fonts are the system's, every script and style is in the bundle.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  // Vite 8 transforms with Oxc (its esbuild option's successor): the same automatic JSX runtime from preact.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: path.resolve(here, '../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // One small page: keep the chunk warning for real growth only.
    chunkSizeWarningLimit: 400,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for work on the page: the API from a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:7071' },
  },
  logLevel: 'warn',
});
