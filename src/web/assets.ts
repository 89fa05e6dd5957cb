import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { transformSync } from 'esbuild';

/**
 * Haven's own static files: read once at start, minified, fingerprinted by content and compressed with
 * brotli and gzip ahead of time, then served from memory with immutable caching. Nothing comes from a CDN.
 */

export interface Asset {
  /** The public, fingerprinted path, such as /assets/site.3f2a9c1b0d.css */
  readonly url: string;
  readonly contentType: string;
  readonly identity: Buffer;
  readonly brotli: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
  readonly integrity: string;
}

export interface AssetCatalog {
  /** The fingerprinted URL of a source file, such as url('site.css'). */
  url(name: AssetName): string;
  /** Its Subresource Integrity value, so a tampered copy in any cache on the way is refused. */
  integrity(name: AssetName): string;
  byUrl(url: string): Asset | undefined;
  all(): Asset[];
}

const SOURCES = {
  'site.css': 'text/css; charset=utf-8',
  'site.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
  // The staff area's own styles and script; public pages never load them.
  'staff.css': 'text/css; charset=utf-8',
  'staff.js': 'text/javascript; charset=utf-8',
} as const;
export type AssetName = keyof typeof SOURCES;

const ASSET_DIR = path.join(import.meta.dirname, 'assets');

function minify(name: string, source: string): string {
  if (name.endsWith('.css'))
    return transformSync(source, { loader: 'css', minify: true, target: 'chrome100' }).code;
  if (name.endsWith('.js')) return transformSync(source, { loader: 'js', minify: true, format: 'esm' }).code;
  return source;
}

export function contentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
}

export function compress(bytes: Buffer): { brotli: Buffer; gzip: Buffer } {
  return {
    brotli: brotliCompressSync(bytes, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }),
    gzip: gzipSync(bytes, { level: 9 }),
  };
}

export function loadAssets(directory: string = ASSET_DIR): AssetCatalog {
  const byName = new Map<string, Asset>();
  const byUrl = new Map<string, Asset>();
  for (const [name, contentType] of Object.entries(SOURCES)) {
    const identity = Buffer.from(minify(name, readFileSync(path.join(directory, name), 'utf8')));
    const hash = contentHash(identity);
    const ext = path.extname(name);
    const url = `/assets/${path.basename(name, ext)}.${hash}${ext}`;
    const asset: Asset = {
      url,
      contentType,
      identity,
      ...compress(identity),
      etag: `"${hash}"`,
      integrity: `sha384-${createHash('sha384').update(identity).digest('base64')}`,
    };
    byName.set(name, asset);
    byUrl.set(url, asset);
  }
  const named = (name: AssetName) => {
    const asset = byName.get(name);
    if (!asset) throw new Error(`Unknown asset ${name}`);
    return asset;
  };
  return {
    url: (name) => named(name).url,
    integrity: (name) => named(name).integrity,
    byUrl: (url) => byUrl.get(url),
    all: () => [...byName.values()],
  };
}
