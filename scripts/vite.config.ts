import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes `<file>.br` and `<file>.gz` beside every built file, at the highest levels: the server serves them as they
 * are instead of compressing the bundles at each start (src/web/client-assets.ts), which cost ≈ 0.3 s of it.
 */
function precompress(): Plugin {
  return {
    name: 'ocop-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist/client';
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = join(dir, name);
        const bytes = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

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
  plugins: [precompress()],
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
