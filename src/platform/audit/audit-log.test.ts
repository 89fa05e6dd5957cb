import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createDatabase } from '../database/database.js';
import type { Database } from '../database/schema.js';
import { createLogger } from '../logging/logger.js';
import { type AuditEvent, type AuditLog, createAuditLog } from './audit-log.js';
import { GENESIS_HASH } from './chain.js';
import { verifyAuditChain } from './verify.js';

const logger = createLogger({ level: 'silent' });
const now = () => new Date('2026-11-25T14:03:07.123Z');

const failedLogin: AuditEvent = {
  actorKind: 'anonymous',
  action: 'auth.login',
  outcome: 'failure',
  ip: '203.0.113.7',
  requestId: 'req-1',
  details: { reason: 'bad_credentials' },
};

forEachEngine('audit log', (engine, it) => {
  it('record and append chain each entry to the one before, from the genesis hash', async ({ handle }) => {
    const audit = createAuditLog({ db: handle.db, now, logger });
    const first = await audit.record(failedLogin);
    const second = await handle.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('app_state')
        .values({ key: 'k', value: 'v', updated_at: now().toISOString() })
        .execute();
      return audit.append(trx, {
        actorKind: 'staff',
        actorId: '0192f5e0-0000-7000-8000-000000000001',
        action: 'user.create',
        outcome: 'success',
        targetType: 'staff_user',
        targetId: '0192f5e0-0000-7000-8000-000000000002',
        details: { role: 'clinician' },
      });
    });
    assert.deepEqual([first.seq, second.seq], [1, 2]);
    const rows = await handle.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
    assert.equal(rows[0]!.prev_hash, GENESIS_HASH);
    assert.equal(rows[1]!.prev_hash, first.hash);
    assert.equal(rows[0]!.at, '2026-11-25T14:03:07.123Z', `${engine} returns the instant as written`);
    assert.equal(rows[0]!.details, '{"reason":"bad_credentials"}');
    assert.deepEqual(await verifyAuditChain(handle.db), {
      ok: true,
      count: 2,
      head: { seq: 2, hash: second.hash },
    });
  });

  it('an entry rolls back with its transaction, leaving no gap', async ({ handle }) => {
    const audit = createAuditLog({ db: handle.db, now, logger });
    await audit.record(failedLogin);
    await assert.rejects(
      handle.db.transaction().execute(async (trx) => {
        await audit.append(trx, { ...failedLogin, outcome: 'success' });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const next = await audit.record(failedLogin);
    assert.equal(next.seq, 2);
    assert.equal((await verifyAuditChain(handle.db)).ok, true);
  });

  it('append outside a transaction, and events that could carry personal data, are refused', async ({
    handle,
  }) => {
    const audit = createAuditLog({ db: handle.db, now, logger });
    await assert.rejects(
      audit.append(handle.db as never, failedLogin),
      /must run inside the transaction that makes the change/,
    );
    const refused: [AuditEvent, RegExp][] = [
      [{ ...failedLogin, details: { email: 'a@b.example' } }, /details\.email may carry personal data/],
      [{ ...failedLogin, details: { reason: 'x'.repeat(201) } }, /details\.reason/],
      [{ ...failedLogin, action: 'login' }, /action must be a dotted code/],
      [{ ...failedLogin, actorKind: 'staff' }, /a staff actor needs its actorId/],
      [{ ...failedLogin, patientName: 'Jane' } as AuditEvent, /Unrecognized key/i],
    ];
    for (const [event, expected] of refused) await assert.rejects(audit.record(event), expected);
    assert.deepEqual(await verifyAuditChain(handle.db), { ok: true, count: 0, head: null });
  });

  it('the table refuses UPDATE and DELETE', async ({ handle }) => {
    const audit = createAuditLog({ db: handle.db, now, logger });
    await audit.record(failedLogin);
    await assert.rejects(sql`update audit_events set outcome = 'success'`.execute(handle.db), /append-only/);
    await assert.rejects(sql`delete from audit_events`.execute(handle.db), /append-only/);
  });

  it('many concurrent transactions on one handle form one unbroken chain', async ({ handle }) => {
    const audit = createAuditLog({ db: handle.db, now, logger });
    await Promise.all(Array.from({ length: 60 }, (_, i) => appendOne(handle.db, audit, `t${i}`, i)));
    const result = await verifyAuditChain(handle.db);
    assert.deepEqual(result.ok && result.count, 60, JSON.stringify(result));
  });

  it(`appends from several ${engine === 'sqlite' ? 'processes' : 'connection pools'} at once form one unbroken chain`, async ({
    handle,
    config,
  }) => {
    const writers = 4;
    const perWriter = 25;
    if (config.engine === 'sqlite') {
      // better-sqlite3 blocks its thread while it waits for a lock, so competing SQLite writers must be
      // separate processes, as a CLI command beside the server is.
      const results = await Promise.all(
        Array.from({ length: writers }, (_, w) => appendInChildProcess(config.file, `p${w}`, perWriter)),
      );
      for (const result of results) assert.equal(result.code, 0, result.stderr);
    } else {
      // Separate pools are separate connections: only the advisory lock serialises them.
      const handles = Array.from({ length: writers }, () => createDatabase(config));
      try {
        await Promise.all(
          handles.flatMap((other, w) => {
            const audit = createAuditLog({ db: other.db, now, logger });
            return Array.from({ length: perWriter }, (_, i) => appendOne(other.db, audit, `p${w}-${i}`, i));
          }),
        );
      } finally {
        await Promise.all(handles.map((other) => other.close()));
      }
    }
    const result = await verifyAuditChain(handle.db);
    assert.deepEqual(result.ok && result.count, writers * perWriter, JSON.stringify(result));
    const ids = await handle.db.selectFrom('audit_events').select('request_id').execute();
    assert.equal(new Set(ids.map((row) => row.request_id)).size, writers * perWriter);
  });
});

/** Half the appends stand alone (record), half ride in a transaction with another write (append). */
function appendOne(db: Kysely<Database>, audit: AuditLog, requestId: string, i: number) {
  if (i % 2 === 0) return audit.record({ ...failedLogin, requestId });
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('app_state')
      .values({ key: requestId, value: 'v', updated_at: now().toISOString() })
      .execute();
    return audit.append(trx, { ...failedLogin, outcome: 'success', requestId });
  });
}

function appendInChildProcess(file: string, prefix: string, count: number) {
  const modules = (name: string) => JSON.stringify(pathToFileURL(path.join(import.meta.dirname, name)).href);
  const code = `
    import { createAuditLog } from ${modules('audit-log.ts')};
    import { createDatabase } from ${modules('../database/database.ts')};
    import { createLogger } from ${modules('../logging/logger.ts')};
    const handle = createDatabase({ engine: 'sqlite', file: ${JSON.stringify(file)}, url: '' });
    const audit = createAuditLog({ db: handle.db, now: () => new Date(), logger: createLogger({ level: 'silent' }) });
    await Promise.all(Array.from({ length: ${count} }, (_, i) =>
      audit.record({ actorKind: 'system', action: 'test.append', outcome: 'success', requestId: '${prefix}-' + i })));
    await handle.close();`;
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', code],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
}
