import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { createDatabase, type Engine } from '../../src/platform/database/database.js';
import { type CliResult, runHaven } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * Helpers for the backup tests, shaped so a feature can prove "everything acknowledged before the backup
 * began is in the restore" with its own writer: give backupDuringLoad() a `write` that resolves only after
 * its transaction has committed (an appointment request's 303, an audit event's seq), and check the
 * returned `acknowledgedBeforeBackup` against the restored database.
 */

/** The environment the CLI needs to act on `db`. */
export function havenEnv(db: Pick<TestDatabase, 'config'>): Record<string, string> {
  const url = db.config.engine === 'sqlite' ? `sqlite:${db.config.file}` : db.config.connectionString;
  return { DATABASE_URL: url, HAVEN_PUBLIC_URL: 'http://localhost:3000' };
}

export function scratchFolder(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface LoadBackup<T> {
  backup: CliResult;
  /** What `write` had acknowledged (resolved) before the backup command was started. */
  acknowledgedBeforeBackup: T[];
  /** How many writes were acknowledged while the backup command ran: proof the load was real. */
  acknowledgedDuringBackup: number;
  /** Wall time of the backup command, process start included, and the file's size. */
  milliseconds: number;
  bytes: number;
}

/**
 * Runs `concurrency` loops of `write` against the live database, waits for `warmUp` acknowledgements, runs
 * `haven backup <file>` as a separate process while the loops go on, then stops them.
 */
export async function backupDuringLoad<T>(options: {
  source: Pick<TestDatabase, 'config'>;
  file: string;
  write: (index: number) => Promise<T>;
  concurrency?: number;
  warmUp?: number;
}): Promise<LoadBackup<T>> {
  const { concurrency = 4, warmUp = 50 } = options;
  const acknowledged: T[] = [];
  let stop = false;
  let index = 0;
  let failure: unknown;
  const loops = Array.from({ length: concurrency }, async () => {
    while (!stop) {
      try {
        acknowledged.push(await options.write(index++));
        // better-sqlite3 answers synchronously, so without this the loops would run on promises alone and
        // never let timers or the backup process's output through.
        await new Promise((resolve) => setImmediate(resolve));
      } catch (error) {
        failure ??= error;
        stop = true;
      }
    }
  });
  const deadline = Date.now() + 30_000;
  while (acknowledged.length < warmUp && !stop) {
    if (Date.now() > deadline) {
      stop = true;
      throw new Error(`Only ${acknowledged.length} of ${warmUp} warm-up writes were acknowledged in 30 s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const acknowledgedBeforeBackup = [...acknowledged];
  const started = performance.now();
  const backup = await runHaven(['backup', options.file], { env: havenEnv(options.source) });
  const milliseconds = performance.now() - started;
  const acknowledgedDuringBackup = acknowledged.length - acknowledgedBeforeBackup.length;
  stop = true;
  await Promise.all(loops);
  if (failure) throw failure;
  const bytes = backup.code === 0 ? statSync(options.file).size : 0;
  return { backup, acknowledgedBeforeBackup, acknowledgedDuringBackup, milliseconds, bytes };
}

export interface Restored {
  restore: CliResult;
  database: TestDatabase;
}

/** Restores `file` with the CLI into a new, empty database of `engine`, then opens it for checking. */
export async function restoreIntoEmptyDatabase(engine: Engine, file: string): Promise<Restored> {
  if (engine === 'sqlite') {
    // No handle may be open on the target while it is restored, so the file is opened only afterwards.
    const folder = scratchFolder('haven-restore-');
    const target = path.join(folder.dir, 'haven.db');
    const config = { engine: 'sqlite' as const, file: target, url: `sqlite:${target}` };
    const restore = await runHaven(['restore', file], { env: havenEnv({ config }) });
    const handle = createDatabase(config);
    return {
      restore,
      database: {
        handle,
        config,
        async dispose() {
          await handle.close();
          folder.remove();
        },
      },
    };
  }
  const database = await createTestDatabase('postgres', { migrated: false });
  const restore = await runHaven(['restore', file], { env: havenEnv(database) });
  return { restore, database };
}

/** A content item with a body of `bodyBytes`, for filling a database with something to copy. */
export function contentRow(index: number, bodyBytes = 200) {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, index % 60)).toISOString();
  return {
    id: uuidv7(),
    slug: `backup-test-${index}`,
    type: 'article',
    title: `Backup test ${index}`,
    summary: null,
    tags: '["backup"]',
    body: `Paragraph ${index}. `.padEnd(bodyBytes, 'x'),
    published: '2026-01-01',
    updated: null,
    reviewed: null,
    reviewer: null,
    sources: '[]',
    attributes: '{}',
    redirect_from: '[]',
    source_file: null,
    created_at: at,
    updated_at: at,
  };
}

/** Fills content_items with `count` rows in batches. */
export async function seedContent(db: TestDatabase, count: number, bodyBytes = 200): Promise<void> {
  for (let start = 0; start < count; start += 200) {
    const rows = Array.from({ length: Math.min(200, count - start) }, (_, i) =>
      contentRow(start + i, bodyBytes),
    );
    await db.handle.db.insertInto('content_items').values(rows).execute();
  }
}
