import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/platform/logging/logger.js';
import { type RunningServer, startServer } from '../../src/server.js';
import { LogCapture, testConfig } from './app.js';

/** Haven listening on a random loopback port with its own SQLite file, for browser tests. */
export interface LiveServer {
  origin: string;
  server: RunningServer;
  logs: LogCapture;
  stop(): Promise<void>;
}

export async function startLiveServer(env: Record<string, string> = {}): Promise<LiveServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-live-'));
  const config = testConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: `sqlite:${path.join(dir, 'haven.db')}`,
    HAVEN_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const logs = new LogCapture();
  const server = await startServer(config, createLogger({ level: 'info', destination: logs }));
  return {
    origin: server.address,
    server,
    logs,
    async stop() {
      await server.shutdown('test finished');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
