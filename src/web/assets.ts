import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';

/**
 * Static assets of the website, held in memory and served under `/assets/<name>.<hash>.<ext>` with a one-year
 * immutable cache: the content hash in the name changes whenever the bytes do, so a deploy never serves a stale
 * file and a returning visitor never asks twice. The registry is per process (the bytes are the same for every
 * app instance), which keeps tests and the server cheap.
 */
export interface Asset {
  url: string;
  body: Buffer;
  contentType: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.geojson': 'application/geo+json',
};

const byUrl = new Map<string, Asset>();
const byName = new Map<string, Asset>();

export const ASSET_PREFIX = '/assets/';

function contentTypeOf(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Registers bytes under a logical name (`fonts/be-vietnam-pro-latin-400.woff2`, `map.js`) and returns the public
 * URL with the content hash: `/assets/fonts/be-vietnam-pro-latin-400.3f2a9c1b.woff2`. Registering the same name
 * again replaces it (a rebuilt bundle).
 */
export function registerAsset(name: string, body: Buffer | string, contentType?: string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const ext = extname(name);
  const url = `${ASSET_PREFIX}${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
  const previous = byName.get(name);
  if (previous) byUrl.delete(previous.url);
  const asset: Asset = { url, body: bytes, contentType: contentType ?? contentTypeOf(name) };
  byUrl.set(url, asset);
  byName.set(name, asset);
  return url;
}

/** Registers a file from disk (a Vite bundle, a GeoJSON file) under `name`; returns its hashed URL. */
export function registerAssetFile(filePath: string, name: string): string {
  return registerAsset(name, readFileSync(filePath));
}

/** The hashed URL of a registered asset, or undefined. */
export function assetUrl(name: string): string | undefined {
  return byName.get(name)?.url;
}

/** The asset served at a URL path (`/assets/…`), or undefined. */
export function assetAt(urlPath: string): Asset | undefined {
  return byUrl.get(urlPath);
}

export interface FontFace {
  url: string;
  weight: 400 | 700;
  unicodeRange: string;
}

const FONT_RANGES = {
  vietnamese:
    'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,' +
    'U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,' +
    'U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
} as const;

function fontDirectory(): string {
  // The package exports only its CSS; its directory holds files/*.woff2.
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@fontsource/be-vietnam-pro')), 'files');
}

function registerFonts(): FontFace[] {
  const dir = fontDirectory();
  const faces: FontFace[] = [];
  for (const subset of ['latin', 'vietnamese'] as const) {
    for (const weight of [400, 700] as const) {
      const file = `be-vietnam-pro-${subset}-${String(weight)}-normal.woff2`;
      const url = registerAssetFile(join(dir, file), `fonts/${file}`);
      faces.push({ url, weight, unicodeRange: FONT_RANGES[subset] });
    }
  }
  return faces;
}

/** Be Vietnam Pro, latin and vietnamese subsets, 400 and 700 (the layout preloads the two 400 faces). */
export const FONT_FACES: readonly FontFace[] = registerFonts();
