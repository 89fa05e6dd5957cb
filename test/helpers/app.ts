import { createSecretKey, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/platform/config/config.js';
import { type Cipher, createCipher, createKeyring } from '../../src/platform/crypto/index.js';
import type { Engine } from '../../src/platform/database/database.js';
import { createLogger } from '../../src/platform/logging/logger.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Every log line the app wrote, as text and parsed, for tests that prove what is (not) logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }

  get entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  config: Config;
  logs: LogCapture;
  /** The app's cipher, to read sealed values back in assertions. */
  cipher: Cipher;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  const result = loadConfig({ LOG_LEVEL: 'debug', ...env });
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

/** A cipher with a fresh random master key: what a test seals, only that test can open. */
export function testCipher(): Cipher {
  return createCipher({ keyring: createKeyring([{ id: 'test', key: createSecretKey(randomBytes(32)) }]) });
}

/** The whole app on a fresh database, portless: use app.inject(). */
export interface TestAppOptions {
  engine?: Engine;
  env?: Record<string, string>;
  /** Extra routes a test needs (one that throws, one that echoes), added before the app is ready. */
  extraRoutes?: (app: FastifyInstance) => void;
  /** 'bundled' (the default) imports the demo content; 'none' leaves the database without content. */
  content?: 'bundled' | 'none';
  now?: () => Date;
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(options.engine ?? 'sqlite');
  const config = { ...testConfig(options.env), database: db.config };
  const logs = new LogCapture();
  const logger = createLogger({ level: config.logLevel, destination: logs });
  const cipher = testCipher();
  const app = await buildApp({ config, database: db.handle, logger, now: options.now, cipher });
  const extraRoutes = options.extraRoutes;
  if (extraRoutes) {
    // A test's own routes are public unless they say otherwise, like the public site's.
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: route.config?.access ?? 'public' };
      });
      extraRoutes(scope);
    });
  }
  await app.ready();
  if (options.content !== 'none') await app.content.importBundledIfEmpty();
  await app.siteSearch.ready();
  return {
    app,
    db,
    config,
    logs,
    cipher,
    async close() {
      await app.close();
      await db.dispose();
    },
  };
}
