import { createLogger } from '../platform/logging/logger.js';
import { startServer, stopOnSignals } from '../server.js';
import type { CliContext } from './context.js';

/** `haven serve`: migrate, listen, and stop gracefully on SIGTERM or SIGINT once the logs are flushed. */
export async function serve(context: CliContext): Promise<void> {
  const config = context.config();
  const masterKeys = context.masterKeys();
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, logger, masterKeys);
  logger.info(
    { address: server.address, database: config.database.url, clinic: config.clinic.name },
    'Haven is listening',
  );
  process.stderr.write(
    `Haven is serving ${config.clinic.name} at ${server.address} (public address ${config.publicUrl.href})\n`,
  );
  stopOnSignals(server, logger, (code) => logger.flush(() => process.exit(code)));
}
