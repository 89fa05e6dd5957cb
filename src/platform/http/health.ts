import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  /** True when the database answers. */
  isDatabaseReachable(): Promise<boolean>;
}

/** /healthz: the process is up. /readyz: it can serve, database included. Neither says why, to anyone. */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (await options.isDatabaseReachable()) return { status: 'ready' };
    return reply.code(503).send({ status: 'unavailable', checks: { database: 'unreachable' } });
  });
}
