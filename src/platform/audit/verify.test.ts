import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { runHaven } from '../../../test/helpers/cli.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import type { Engine } from '../database/database.js';
import type { Database } from '../database/schema.js';
import { createLogger } from '../logging/logger.js';
import { createAuditLog } from './audit-log.js';
import { verifyAuditChain } from './verify.js';

let tick = 0;
const now = () => new Date(Date.UTC(2026, 10, 25, 14, 0, tick++));

async function writeChain(db: Kysely<Database>, count: number): Promise<void> {
  const audit = createAuditLog({ db, now, logger: createLogger({ level: 'silent' }) });
  for (let i = 1; i <= count; i += 1) {
    await audit.record({
      actorKind: i % 2 ? 'staff' : 'anonymous',
      actorId: i % 2 ? `user-${i}` : null,
      action: 'auth.login',
      outcome: i % 3 ? 'success' : 'failure',
      targetType: 'staff_user',
      targetId: `user-${i}`,
      ip: '192.0.2.1',
      requestId: `req-${i}`,
      details: { attempt: i },
    });
  }
}

/** Someone with the power to change the schema first removes the append-only triggers. */
async function dropAppendOnlyGuard(db: Kysely<Database>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`drop trigger audit_events_no_change on audit_events`.execute(db);
  } else {
    await sql`drop trigger audit_events_no_update`.execute(db);
    await sql`drop trigger audit_events_no_delete`.execute(db);
  }
}

const edits: [column: string, value: string | number | null][] = [
  ['at', '2026-11-25T13:00:00.000Z'],
  ['actor_id', 'someone-else'],
  ['actor_kind', 'system'],
  ['action', 'auth.logout'],
  ['outcome', 'denied'],
  ['target_type', 'request'],
  ['target_id', 'user-99'],
  ['ip', '198.51.100.9'],
  ['request_id', null],
  ['details', '{"attempt":4}'],
  ['hash', 'f'.repeat(64)],
];

forEachEngine('audit verify', (engine, it) => {
  it('editing any field of an entry is found at that entry', async ({ handle }) => {
    const { db } = handle;
    await writeChain(db, 5);
    await dropAppendOnlyGuard(db, engine);
    const intact = await verifyAuditChain(db);
    assert.ok(intact.ok && intact.count === 5 && intact.head?.seq === 5);
    for (const [column, value] of edits) {
      const { rows } = await sql<{ value: string | null }>`
        select ${sql.ref(column)} as value from audit_events where seq = 3`.execute(db);
      const original = rows[0]!.value;
      await sql`update audit_events set ${sql.ref(column)} = ${value} where seq = 3`.execute(db);
      assert.deepEqual(
        await verifyAuditChain(db, { batchSize: 2 }),
        { ok: false, firstBroken: { seq: 3, reason: 'hash mismatch' } },
        `an edited ${column} is found`,
      );
      await sql`update audit_events set ${sql.ref(column)} = ${original} where seq = 3`.execute(db);
    }
    await sql`update audit_events set prev_hash = ${'0'.repeat(64)} where seq = 3`.execute(db);
    assert.deepEqual(await verifyAuditChain(db), {
      ok: false,
      firstBroken: { seq: 3, reason: 'prev_hash mismatch' },
    });
  });

  it('a deleted entry is found at the one after it, and a deleted first entry too', async ({ handle }) => {
    const { db } = handle;
    await writeChain(db, 5);
    await dropAppendOnlyGuard(db, engine);
    await sql`delete from audit_events where seq = 3`.execute(db);
    assert.deepEqual(await verifyAuditChain(db), {
      ok: false,
      firstBroken: { seq: 4, reason: 'gap in sequence' },
    });
    await sql`delete from audit_events where seq = 1`.execute(db);
    assert.deepEqual(await verifyAuditChain(db), {
      ok: false,
      firstBroken: { seq: 2, reason: 'gap in sequence' },
    });
  });

  it('reordered entries, and a renumbered chain, are found', async ({ handle }) => {
    const { db } = handle;
    await writeChain(db, 5);
    await dropAppendOnlyGuard(db, engine);
    // Swap entries 2 and 3 by their sequence numbers.
    await sql`update audit_events set seq = 1000 where seq = 2`.execute(db);
    await sql`update audit_events set seq = 2 where seq = 3`.execute(db);
    await sql`update audit_events set seq = 3 where seq = 1000`.execute(db);
    assert.deepEqual(await verifyAuditChain(db), {
      ok: false,
      firstBroken: { seq: 2, reason: 'prev_hash mismatch' },
    });
    await sql`update audit_events set seq = 1000 where seq = 3`.execute(db);
    await sql`update audit_events set seq = 3 where seq = 2`.execute(db);
    await sql`update audit_events set seq = 2 where seq = 1000`.execute(db);
    assert.equal((await verifyAuditChain(db)).ok, true, 'restored');
    // Close the gap after deleting entry 3 by renumbering 4 and 5: the hashes cover seq, so it shows.
    await sql`delete from audit_events where seq = 3`.execute(db);
    await sql`update audit_events set seq = 3 where seq = 4`.execute(db);
    await sql`update audit_events set seq = 4 where seq = 5`.execute(db);
    assert.deepEqual(await verifyAuditChain(db), {
      ok: false,
      firstBroken: { seq: 3, reason: 'prev_hash mismatch' },
    });
  });

  it('`haven audit verify` prints the head, and exits 1 naming the first broken entry', async ({
    handle,
    config,
  }) => {
    await writeChain(handle.db, 3);
    const env = {
      DATABASE_URL: config.engine === 'sqlite' ? `sqlite:${config.file}` : config.connectionString,
    };
    const cwd = mkdtempSync(path.join(tmpdir(), 'haven-audit-'));
    const intact = await runHaven(['audit', 'verify'], { cwd, env });
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(
      intact.stdout,
      /^The audit log is intact: 3 entries, the newest is 3 with hash [0-9a-f]{64}\.\n$/,
    );
    await dropAppendOnlyGuard(handle.db, engine);
    await sql`update audit_events set outcome = 'denied' where seq = 2`.execute(handle.db);
    const broken = await runHaven(['audit', 'verify'], { cwd, env });
    assert.equal(broken.code, 1);
    assert.equal(
      broken.stdout,
      'The audit log is broken at entry 2 (hash mismatch): its contents no longer match its hash, so it was edited.\n',
    );
  });
});
