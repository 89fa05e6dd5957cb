import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Engine } from '../../src/platform/database/database.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server.js';
import { LogCapture, testConfig } from './app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Haven listening on a random loopback port with a database of its own, for browser tests. */
export interface LiveServer {
  origin: string;
  server: RunningServer;
  logs: LogCapture;
  stop(): Promise<void>;
}

/** `now` and `escalationCheckMs` go to the server as they are: a test's clock and how often its timer looks. */
export async function startLiveServer(
  options: { engine?: Engine; env?: Record<string, string> } & ServerOptions = {},
): Promise<LiveServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-live-'));
  let database: TestDatabase | undefined;
  let databaseUrl = `sqlite:${path.join(dir, 'haven.db')}`;
  if (options.engine === 'postgres') {
    // An empty database of its own: the server migrates it and imports the bundled content, as on a first start.
    database = await createTestDatabase('postgres', { migrated: false });
    await database.handle.close();
    databaseUrl = database.config.engine === 'postgres' ? database.config.connectionString : databaseUrl;
  }
  const config = testConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    HAVEN_RATE_LIMIT_PER_MINUTE: '100000',
    HAVEN_MASTER_KEYS: `test:${randomBytes(32).toString('base64')}`,
    ...options.env,
  });
  const logs = new LogCapture();
  const server = await startServer(config, createLogger({ level: 'info', destination: logs }), undefined, {
    now: options.now,
    escalationCheckMs: options.escalationCheckMs,
  });
  return {
    origin: server.address,
    server,
    logs,
    async stop() {
      await server.shutdown('test finished');
      await database?.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
