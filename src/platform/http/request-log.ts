import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Logger } from '../logging/logger.js';

export interface RequestLogOptions {
  /**
   * Path prefixes logged as their route template only, never the concrete path: where an address could
   * say something about a person (screening, decision 017). An unmatched path there logs as `prefix/*`.
   */
  templateOnly?: readonly string[];
}

/**
 * One line per request with the path and never the query string, headers or body: a query such as
 * /search?q=… or a form body may hold what a person told us about their health.
 */
async function requestLog(app: FastifyInstance, options: RequestLogOptions): Promise<void> {
  const prefixes = options.templateOnly ?? [];
  const underPrefix = (path: string) =>
    prefixes.find(
      (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
    );
  app.addHook('onResponse', (request, reply, done) => {
    const level =
      request.routeOptions.url === '/healthz' || request.routeOptions.url === '/readyz' ? 'debug' : 'info';
    if (!(request.log as Logger).isLevelEnabled(level)) return done();
    const queryStart = request.url.indexOf('?');
    const concrete = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
    const prefix = underPrefix(concrete);
    const path = prefix === undefined ? concrete : (request.routeOptions.url ?? `${prefix}/*`);
    request.log[level](
      {
        method: request.method,
        path,
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: request.ip,
      },
      'request',
    );
    done();
  });
}

export const requestLogPlugin = fp(requestLog, { name: 'haven-request-log' });
