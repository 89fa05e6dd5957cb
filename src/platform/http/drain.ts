import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * While Haven shuts down, a response that was in flight tells its client to close the connection, so a
 * keep-alive socket does not hold the process open until its idle timeout runs out.
 */
async function drain(app: FastifyInstance): Promise<void> {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}

export const drainPlugin = fp(drain, { name: 'haven-drain' });
