import type { FastifyInstance } from 'fastify';
import { sendStored } from '../platform/http/page-cache.js';
import { NoQuery } from '../platform/http/route-input.js';
import { type AssetCatalog, compress, contentHash } from './assets.js';
import type { SiteContext } from './site-context.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves the fingerprinted assets, the web manifest and the favicon, all from memory. */
export async function webShellRoutes(
  app: FastifyInstance,
  options: { site: SiteContext; assets: AssetCatalog },
) {
  const { assets, site } = options;
  for (const asset of assets.all()) {
    app.get(asset.url, { schema: { querystring: NoQuery } }, (request, reply) =>
      sendStored(request, reply, asset, { contentType: asset.contentType, cacheControl: IMMUTABLE }),
    );
  }

  const manifestBody = Buffer.from(
    JSON.stringify({
      name: site.clinic.name,
      short_name: site.clinic.name.length > 12 ? site.clinic.name.split(' ')[0] : site.clinic.name,
      start_url: '/',
      scope: '/',
      display: 'browser',
      background_color: '#fbfaf6',
      theme_color: '#1f5f5b',
      icons: [{ src: assets.url('favicon.svg'), sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    }),
  );
  const manifest = {
    identity: manifestBody,
    ...compress(manifestBody),
    etag: `"${contentHash(manifestBody)}"`,
  };
  app.get('/manifest.webmanifest', { schema: { querystring: NoQuery } }, (request, reply) =>
    sendStored(request, reply, manifest, {
      contentType: 'application/manifest+json; charset=utf-8',
      cacheControl: 'public, max-age=3600',
    }),
  );

  // Browsers and feed readers still ask for /favicon.ico; point them at the fingerprinted icon.
  app.get('/favicon.ico', { schema: { querystring: NoQuery } }, (_request, reply) => {
    reply.header('cache-control', 'public, max-age=86400');
    return reply.redirect(assets.url('favicon.svg'), 301);
  });
}
