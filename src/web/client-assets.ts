import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The client islands built by Vite (vite.config.ts → dist/client, hashed names, a manifest). Chunks import each
 * other by file name, so they are served under their own names at /assets/client/… with a one-year immutable
 * cache, pre-compressed once with brotli and gzip. Without a build the pages still work: they simply ship no
 * JavaScript (the map shows its list, the search box submits, the charts stay server-drawn SVG).
 */
export const CLIENT_PREFIX = '/assets/client/';
export const CLIENT_DIR = fileURLToPath(new URL('../../dist/client/', import.meta.url));
const LOADER_SOURCE = 'src/web/client/islands.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Bytes ready to send in each encoding, with a strong validator. */
export interface Compressed {
  contentType: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
}

/** `body` in each encoding; `ready` gives encodings already made (the build's `.gz` and `.br` files). */
export function compress(
  body: Buffer | string,
  contentType: string,
  ready: { gzip?: Buffer | undefined; br?: Buffer | undefined } = {},
): Compressed {
  const identity = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return {
    contentType,
    identity,
    gzip: ready.gzip ?? gzipSync(identity, { level: 9 }),
    br: ready.br ?? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
  };
}

/** A file of the build with its pre-compressed siblings when the build wrote them (scripts/vite.config.ts). */
function builtFile(file: string, contentType: string): Compressed {
  const sibling = (ext: string) => (existsSync(`${file}${ext}`) ? readFileSync(`${file}${ext}`) : undefined);
  return compress(readFileSync(file), contentType, { gzip: sibling('.gz'), br: sibling('.br') });
}

/** Sends the best encoding the client accepts; answers 304 to a matching If-None-Match. */
export function sendCompressed(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Compressed,
  cacheControl: string,
): FastifyReply {
  void reply
    .header('content-type', body.contentType)
    .header('cache-control', cacheControl)
    .header('etag', body.etag)
    .header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === body.etag) return reply.status(304).send();
  const accepted = request.headers['accept-encoding'] ?? '';
  if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(body.br);
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.identity);
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name.startsWith('.')) return [];
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

export interface ClientBuild {
  /** URL of the islands loader, the one script a page includes; null when the client was not built. */
  loader: string | null;
  /** URLs of the chunks an island needs (for <link rel="modulepreload">), empty when unknown. */
  chunksOf(island: string): string[];
  files: Map<string, Compressed>;
}

const EMPTY: ClientBuild = { loader: null, chunksOf: () => [], files: new Map() };

function chunkUrls(manifest: Manifest, key: string, seen = new Set<string>()): string[] {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return [];
  seen.add(key);
  return [
    `${CLIENT_PREFIX}${chunk.file}`,
    ...(chunk.imports ?? []).flatMap((k) => chunkUrls(manifest, k, seen)),
  ];
}

/** Reads dist/client once; a missing or unreadable build yields an empty one (pages without JavaScript). */
export function readClientBuild(dir: string = CLIENT_DIR): ClientBuild {
  try {
    return readBuild(dir);
  } catch {
    // A build being rewritten at this very moment, or a damaged one: serve the pages without scripts.
    return EMPTY;
  }
}

function readBuild(dir: string): ClientBuild {
  const manifestFile = join(dir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) return EMPTY;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const loader = manifest[LOADER_SOURCE];
  if (!loader) return EMPTY;
  const files = new Map<string, Compressed>();
  for (const file of listFiles(dir)) {
    if (file.endsWith('.gz') || file.endsWith('.br')) continue;
    const path = relative(dir, file).split(sep).join('/');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    files.set(`${CLIENT_PREFIX}${path}`, builtFile(file, type));
  }
  if (!files.has(`${CLIENT_PREFIX}${loader.file}`)) return EMPTY;
  return {
    loader: `${CLIENT_PREFIX}${loader.file}`,
    chunksOf: (island) => chunkUrls(manifest, `src/web/client/${island}.ts`),
    files,
  };
}

let cached: ClientBuild | undefined;

/** The build of this process, read on first use. */
export function clientBuild(): ClientBuild {
  cached ??= readClientBuild();
  return cached;
}

/** The module scripts a page passes to the layout (`scripts`): the islands loader, or nothing without a build. */
export function islandScripts(): string[] {
  const loader = clientBuild().loader;
  return loader ? [loader] : [];
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves the built islands; says once, at start, when there is no build. */
export const clientAssetRoutes: FastifyPluginAsync = (app) => {
  const build = clientBuild();
  if (!build.loader) {
    app.log.warn('client islands not built (npm run build): pages are served without JavaScript');
  }
  app.get(`${CLIENT_PREFIX}*`, { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const file = build.files.get(path);
    if (!file) return reply.status(404).header('cache-control', 'no-store').send();
    return sendCompressed(request, reply, file, IMMUTABLE);
  });
  return Promise.resolve();
};
