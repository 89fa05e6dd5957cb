import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ForeignOriginError } from './errors.js';

/**
 * Haven takes state-changing requests (every method but GET, HEAD and OPTIONS) only from its own pages.
 * The browser says where a request comes from twice: `Sec-Fetch-Site` and `Origin`. A request is refused
 * when either names another site. A request with neither (an old browser, a script) passes on to the
 * form's own token check. This is the one check for every form, public or staff (decision 013).
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'allowed': a state-changing route that other sites may call (browsers' CSP reports). */
    crossSite?: 'allowed';
  }
}

/** The refusal is declared once (errors.ts): the error pages show the person what happened and what to do. */
export { ForeignOriginError };

/**
 * Our own origin is the public address (HAVEN_PUBLIC_URL), or the address this request was sent to, as
 * Fastify reads it (X-Forwarded-Proto and -Host only from a proxy trusted through HAVEN_TRUST_PROXY).
 */
export function isForeignRequest(request: FastifyRequest, publicOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  return (
    origin !== undefined && origin !== publicOrigin && origin !== `${request.protocol}://${request.host}`
  );
}

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

async function sameOrigin(app: FastifyInstance, options: { publicOrigin: string }): Promise<void> {
  // onRequest: refused before the body is read, so nothing sent from elsewhere is parsed or kept.
  app.addHook('onRequest', (request, _reply, done) => {
    if (READ_ONLY.has(request.method) || request.routeOptions.config.crossSite === 'allowed') return done();
    if (!isForeignRequest(request, options.publicOrigin)) return done();
    request.log.info({ reason: 'foreign_origin' }, 'state change refused (sent from another site)');
    done(new ForeignOriginError());
  });
}

export const sameOriginPlugin = fp(sameOrigin, { name: 'haven-same-origin' });
