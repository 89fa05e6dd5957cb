import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface RateLimitOptions {
  /** Requests a minute from one address across the whole site. */
  perMinute: number;
}

/**
 * One budget per visitor address for the whole site; routes that cost more (CSP reports and the 404 page
 * today, forms later) set
 * tighter limits of their own with `config.rateLimit`. The address is the real visitor's only when the proxy
 * in front is trusted (HAVEN_TRUST_PROXY). Counters live in this process's memory.
 */
async function rateLimits(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: 60_000,
    cache: 10_000,
    // Counters are sent only to a client that has run out (with Retry-After), not on every response.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    // Health checks come from the operator's monitor, often many a minute, and must never be refused.
    allowList: (request) => request.routeOptions.url === '/healthz' || request.routeOptions.url === '/readyz',
  });
}

export const rateLimitsPlugin = fp(rateLimits, { name: 'haven-rate-limits' });
