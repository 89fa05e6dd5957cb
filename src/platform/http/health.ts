import type { FastifyInstance } from 'fastify';
import { NoQuery } from './route-input.js';

export interface HealthOptions {
  /** Each thing that must be working before Haven can serve, such as the database and the search index. */
  checks: Record<string, () => Promise<boolean> | boolean>;
}

/** /healthz: the process is up. /readyz: it can serve, every check passing. Neither says why to anyone. */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', { schema: { querystring: NoQuery } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { schema: { querystring: NoQuery } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const entries = await Promise.all(
      Object.entries(options.checks).map(
        async ([name, check]) => [name, (await check()) ? 'ok' : 'failing'] as const,
      ),
    );
    const ready = entries.every(([, state]) => state === 'ok');
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(entries) });
  });
}
