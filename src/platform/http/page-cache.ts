import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Public pages that are the same for every visitor are rendered once per content version, compressed once,
 * kept in memory and served with a strong ETag, so a repeat visit costs a 304 and a busy page costs a copy.
 * Pages with forms or anything per-request (CSRF tokens, search results) must never pass through here.
 */

export interface CachedPage {
  readonly identity: Buffer;
  readonly brotli: Buffer;
  readonly gzip: Buffer;
  readonly etag: string;
  readonly status: number;
}

export interface PageCacheOptions {
  /** The current content version; when it moves, every cached page is rendered afresh on its next request. */
  contentVersion(): string;
  /** At most this many pages are kept; past it the oldest is dropped. */
  maxEntries?: number;
}

export class PageCache {
  readonly #pages = new Map<string, CachedPage>();
  readonly #options: PageCacheOptions;
  #version: string | undefined;

  constructor(options: PageCacheOptions) {
    this.#options = options;
  }

  /** The page stored under `key`, rendering and compressing it first if this version has not seen it. */
  get(key: string, render: () => string, status = 200): CachedPage {
    const version = this.#options.contentVersion();
    if (version !== this.#version) {
      this.#pages.clear();
      this.#version = version;
    }
    const cached = this.#pages.get(key);
    if (cached) return cached;
    const page = PageCache.prepare(render(), status);
    if (this.#pages.size >= (this.#options.maxEntries ?? 2000)) {
      const oldest = this.#pages.keys().next().value;
      if (oldest !== undefined) this.#pages.delete(oldest);
    }
    this.#pages.set(key, page);
    return page;
  }

  /**
   * Like get, for pages whose rendering reads data first. A render that finds nothing (undefined) is not
   * cached, so the route can answer 404 or redirect.
   */
  async getAsync(key: string, render: () => Promise<string | undefined>): Promise<CachedPage | undefined> {
    const version = this.#options.contentVersion();
    if (version === this.#version) {
      const cached = this.#pages.get(key);
      if (cached) return cached;
    }
    const html = await render();
    if (html === undefined) return undefined;
    return this.get(key, () => html);
  }

  get size(): number {
    return this.#pages.size;
  }

  static prepare(html: string, status = 200): CachedPage {
    const identity = Buffer.from(html);
    return {
      identity,
      brotli: brotliCompressSync(identity, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length },
      }),
      gzip: gzipSync(identity, { level: 9 }),
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      status,
    };
  }
}

type Encoding = 'br' | 'gzip' | 'identity';
const ENCODINGS: Encoding[] = ['br', 'gzip', 'identity'];

/** The best encoding the client accepts; q=0 refuses one. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  // Weighs q-values (gzip;q=1, br;q=0.001 gets gzip); on a tie, brotli comes first. No cache: the header is
  // the client's to choose, and a cache keyed on it would grow without bound.
  return negotiate(acceptEncoding ?? '', ENCODINGS) ?? 'identity';
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}

export interface StoredRepresentation {
  identity: Buffer;
  brotli: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Sends precompressed bytes, answering 304 when the client already has them. */
export function sendStored(
  request: FastifyRequest,
  reply: FastifyReply,
  stored: StoredRepresentation,
  headers: { contentType: string; cacheControl: string; status?: number },
): FastifyReply {
  reply.header('cache-control', headers.cacheControl);
  reply.header('etag', stored.etag);
  reply.header('vary', 'accept-encoding');
  reply.type(headers.contentType);
  if (matchesEtag(request.headers['if-none-match'], stored.etag)) {
    return reply.code(304).send();
  }
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  reply.code(headers.status ?? 200);
  if (encoding === 'identity') return reply.send(stored.identity);
  reply.header('content-encoding', encoding);
  return reply.send(encoding === 'br' ? stored.brotli : stored.gzip);
}

/** Public HTML: any cache may keep it, but must check back (a cheap 304) before reusing it. */
export function sendCachedPage(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  return sendStored(request, reply, page, {
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'public, no-cache',
    status: page.status,
  });
}
