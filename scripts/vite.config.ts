import { defineConfig } from 'vite';

/**
 * The client islands of the public website (docs/decisions/0009-client-islands-and-browser-tests.md): one
 * small loader per page that imports an island only when the page has its hook (`data-island="…"`). Built to
 * dist/client with hashed names and a manifest; the server (src/web/client-assets.ts) serves them at
 * /assets/client/ with a one-year cache.
 */
export default defineConfig({
  base: '/assets/client/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: 'dist/client',
    assetsDir: '',
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: { input: { islands: 'src/web/client/islands.ts' } },
  },
});
