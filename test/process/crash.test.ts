import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createCipher, createKeyring, parseMasterKeyList } from '../../src/platform/crypto/index.js';
import { createDatabase } from '../../src/platform/database/database.js';
import { createTestDatabase, ENGINES, postgresUnavailableReason } from '../helpers/database.js';
import { skipOrFail } from '../helpers/strict.js';
import {
  type HavenProcess,
  startHavenProcess,
  submitRequest,
  TEST_MASTER_KEYS,
} from '../helpers/submissions.js';

const WORKERS = 8;
const KILLS = 4;
const KILL_EVERY_MS = 1500;

/**
 * While submissions pour in, Haven is killed with SIGKILL several times and started again. Every
 * submission that received its confirmation (303) must be in the database afterwards, intact, once.
 * Clients retry a failed submission with the same idempotency key, as a browser's resubmission would.
 */
for (const engine of ENGINES) {
  describe(`crash safety [${engine}]`, () => {
    test('every acknowledged request survives repeated SIGKILLs, intact and stored once', async (t) => {
      if (engine === 'postgres') {
        const reason = await postgresUnavailableReason();
        if (reason) return skipOrFail(t, reason);
      }
      const dir = mkdtempSync(path.join(tmpdir(), 'haven-crash-'));
      let databaseUrl = `sqlite:${path.join(dir, 'haven.db')}`;
      const pgDatabase =
        engine === 'postgres' ? await createTestDatabase('postgres', { migrated: false }) : undefined;
      if (pgDatabase) {
        await pgDatabase.handle.close();
        if (pgDatabase.config.engine === 'postgres') databaseUrl = pgDatabase.config.connectionString;
      }
      const env = { DATABASE_URL: databaseUrl };
      let haven: HavenProcess = await startHavenProcess(env);
      const acknowledged = new Map<string, string>();
      let attempts = 0;
      let failures = 0;
      let running = true;
      let next = 0;

      const worker = async () => {
        while (running) {
          const n = next++;
          const submission = {
            key: `crash-${engine}-${n}-${Math.random().toString(36).slice(2)}`,
            name: `Person ${n}`,
          };
          // Retry the same submission (same key) until it is acknowledged or the run ends.
          while (running) {
            attempts += 1;
            try {
              const status = await submitRequest(haven.origin, submission);
              if (status === 303) {
                acknowledged.set(submission.key, submission.name);
                break;
              }
              failures += 1;
            } catch {
              failures += 1;
            }
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        }
      };
      const workers = Array.from({ length: WORKERS }, worker);
      const started = Date.now();
      for (let kill = 0; kill < KILLS; kill += 1) {
        await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
        haven.child.kill('SIGKILL');
        await haven.exited;
        haven = await startHavenProcess(env);
      }
      await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
      running = false;
      await Promise.all(workers);
      haven.child.kill('SIGTERM');
      await haven.exited;
      const seconds = (Date.now() - started) / 1000;

      const database = createDatabase(
        engine === 'postgres' && pgDatabase?.config.engine === 'postgres'
          ? pgDatabase.config
          : { engine: 'sqlite', file: path.join(dir, 'haven.db'), url: databaseUrl },
      );
      try {
        const keys = parseMasterKeyList(TEST_MASTER_KEYS);
        assert.ok(keys.ok);
        const cipher = createCipher({ keyring: createKeyring(keys.value) });
        const rows = await database.db
          .selectFrom('appointment_requests')
          .select(['id', 'idempotency_key', 'sealed'])
          .execute();
        const stored = new Map(
          rows.map((row) => [
            row.idempotency_key,
            JSON.parse(cipher.open(row.sealed, `appointment_requests.sealed:${row.id}`)) as {
              name: string;
              message: string;
            },
          ]),
        );
        assert.ok(acknowledged.size > 20, `only ${acknowledged.size} submissions were acknowledged`);
        for (const [key, name] of acknowledged) {
          const request = stored.get(key);
          assert.ok(request, `acknowledged submission ${key} is missing`);
          assert.equal(request.name, name);
          assert.equal(request.message, `Message of ${name}`);
        }
        assert.equal(
          new Set(rows.map((row) => row.idempotency_key)).size,
          rows.length,
          'no request stored twice',
        );
        t.diagnostic(
          `${engine}: ${KILLS} SIGKILLs in ${seconds.toFixed(1)} s; ${acknowledged.size} acknowledged, all present and intact; ${rows.length} stored (${rows.length - acknowledged.size} stored but unacknowledged when killed); ${attempts} attempts, ${failures} failed or refused while down`,
        );
      } finally {
        await database.close();
        await pgDatabase?.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
