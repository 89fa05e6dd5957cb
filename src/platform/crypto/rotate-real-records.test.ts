import assert from 'node:assert/strict';
import { createSecretKey, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { testConfig } from '../../../test/helpers/app.js';
import type { TestDatabase } from '../../../test/helpers/database.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import {
  createStaffMember,
  csrfOf,
  type StaffClient,
  signIn,
  staffClient,
  type TestClock,
  testClock,
} from '../../../test/helpers/staff.js';
import { buildApp } from '../../app.js';
import { ENCRYPTED_COLUMNS } from '../../database.js';
import { createLogger } from '../logging/logger.js';
import { createCipher } from './envelope.js';
import { createKeyring, type MasterKey } from './master-keys.js';
import { rotateKeys } from './rotate-keys.js';

/**
 * `keys rotate` over the records Haven really keeps (decision 011): an appointment request with a staff note,
 * screening answers, a staff member's TOTP secret and the emails they queued, each written by its own feature.
 * After rotation each is read back the way staff read it, with the old key still configured and with only
 * the new one. A context on ENCRYPTED_COLUMNS that differed from the one a repository seals with would leave
 * that column unreadable here.
 */

const masterKey = (id: string): MasterKey => ({ id, key: createSecretKey(randomBytes(32)) });

const MARKER = `otter-${randomBytes(4).toString('hex')}`;
const NAME = `Sky Rotation ${MARKER}`;
const MESSAGE = `Nothing has helped so far ${MARKER}`;
const NOTE = `Call back after five ${MARKER}`;

/** Haven on this database with these master keys, the first active; the caller closes it, not the database. */
async function havenWith(db: TestDatabase, keys: MasterKey[], clock: TestClock): Promise<FastifyInstance> {
  const app = await buildApp({
    config: { ...testConfig({ HAVEN_RATE_LIMIT_PER_MINUTE: '100000' }), database: db.config },
    database: db.handle,
    logger: createLogger({ level: 'silent' }),
    now: clock.now,
    cipher: createCipher({ keyring: createKeyring(keys) }),
  });
  await app.ready();
  return app;
}

/** A person asks for an appointment and answers the first PHQ-9 page, as in a browser. */
async function personAsks(app: FastifyInstance): Promise<void> {
  const person = staffClient(app);
  const form = (await person.get('/request-appointment')).body;
  const sent = await person.post('/request-appointment', {
    _csrf: csrfOf(form),
    idempotency_key: `rotate-${MARKER}`,
    name: NAME,
    contact_method: 'email',
    email: `sky.${MARKER}@example.org`,
    location: 'lakeside',
    treatment: 'tms',
    concerns: ['depression'],
    message: MESSAGE,
    consent_privacy: 'yes',
    consent_contact: 'yes',
  });
  assert.equal(sent.statusCode, 303, 'the request is stored');
  await person.get('/request-appointment/received');
  const page = await person.get('/screening/questions');
  assert.equal(page.statusCode, 200, 'the person is offered the questions');
  const saved = await person.post('/screening/questions', {
    _csrf: csrfOf(page.body),
    _section: 'phq-9',
    _group: 'phq9-page-1',
    'phq9-1': '1',
    'phq9-2': '3',
    'phq9-3': '0',
  });
  assert.equal(saved.statusCode, 303, 'the answers are saved');
}

/** What a clinician sees of the request: its details, the note and the screening answers. */
async function clinicianReads(client: StaffClient, requestId: string): Promise<void> {
  const page = await client.get(`/staff/requests/${requestId}`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(NAME), 'the name reads');
  assert.ok(page.body.includes(MESSAGE), 'the message reads');
  assert.ok(page.body.includes(NOTE), 'the staff note reads');
  const answers = await client.get(`/staff/requests/${requestId}/screening`);
  assert.equal(answers.statusCode, 200);
  assert.ok(answers.body.includes('Several days (1)'), 'the screening answers read');
  assert.ok(answers.body.includes('Nearly every day (3)'));
}

/** Every sealed value in every listed column, with the id of its row. */
async function sealedValues(db: TestDatabase) {
  const values: { where: string; value: string; context: string }[] = [];
  for (const target of ENCRYPTED_COLUMNS) {
    for (const column of target.columns) {
      const { rows } = await sql<{ id: string | number; value: string | null }>`
        select ${sql.ref(target.idColumn)} as id, ${sql.ref(column)} as value from ${sql.table(target.table)}`.execute(
        db.handle.db,
      );
      for (const row of rows) {
        if (row.value === null) continue;
        values.push({
          where: `${target.table}.${column} ${row.id}`,
          value: row.value,
          context: target.context(column, row.id),
        });
      }
    }
  }
  return values;
}

forEachEngine('keys rotate over real records', (_engine, it) => {
  it('every table and column on the rotation list exists in the migrated schema', async ({ handle }) => {
    const tables = new Map(
      (await handle.db.introspection.getTables()).map((table) => [
        table.name,
        new Set(table.columns.map((column) => column.name)),
      ]),
    );
    for (const target of ENCRYPTED_COLUMNS) {
      const columns = tables.get(target.table);
      assert.ok(columns, `table ${target.table} exists`);
      for (const column of [target.idColumn, ...target.columns])
        assert.ok(columns.has(column), `${target.table}.${column} exists`);
    }
  });

  it('a request with a note, screening answers and a TOTP secret read the same after rotating to a new key', async (db) => {
    const clock = testClock();
    const oldKey = masterKey('k-old');
    const newKey = masterKey('k-new');

    const before = await havenWith(db, [oldKey], clock);
    let member: Awaited<ReturnType<typeof createStaffMember>>;
    let requestId: string;
    try {
      member = await createStaffMember(before, clock, ['clinician']);
      await personAsks(before);
      requestId = (
        await db.handle.db.selectFrom('appointment_requests').select('id').executeTakeFirstOrThrow()
      ).id;
      const page = await member.client.get(`/staff/requests/${requestId}`);
      const noted = await member.client.post(`/staff/requests/${requestId}/notes`, {
        _csrf: csrfOf(page.body),
        note: NOTE,
      });
      assert.ok(noted.statusCode < 400, `the note is added (${noted.statusCode})`);
      await clinicianReads(member.client, requestId);
    } finally {
      await before.close();
    }

    // Every column on the list holds at least one value, all under the old key, none in the clear.
    const written = await sealedValues(db);
    for (const target of ENCRYPTED_COLUMNS)
      for (const column of target.columns)
        assert.ok(
          written.some((v) => v.where.startsWith(`${target.table}.${column} `)),
          `this test writes a value into ${target.table}.${column}: add one through its feature`,
        );
    for (const { where, value } of written) {
      assert.ok(value.startsWith('v1.k-old.'), `${where} is sealed under the old key`);
      assert.ok(!value.includes(MARKER), `${where} holds nothing in the clear`);
    }

    const report = await rotateKeys({
      db: db.handle.db,
      cipher: createCipher({ keyring: createKeyring([newKey, oldKey]) }),
      columns: ENCRYPTED_COLUMNS,
      batchSize: 2,
    });
    assert.equal(report.complete, true);
    assert.deepEqual(report.missingTables, []);
    for (const column of report.columns) {
      assert.deepEqual(column.unreadable, [], `${column.table}.${column.column} opened in its place`);
      assert.equal(column.rewrapped, column.scanned, `${column.table}.${column.column}: all re-wrapped`);
    }
    const onlyNew = createCipher({ keyring: createKeyring([newKey]) });
    const rotated = await sealedValues(db);
    assert.equal(rotated.length, written.length, 'no value lost');
    for (const { where, value, context } of rotated) {
      assert.ok(value.startsWith('v1.k-new.'), `${where} is under the new key`);
      assert.doesNotThrow(() => onlyNew.open(value, context), `${where} opens with the new key alone`);
    }

    // The old key still configured (as while rotating), then removed: staff read every record as before.
    for (const keys of [[newKey, oldKey], [newKey]]) {
      const after = await havenWith(db, keys, clock);
      try {
        clock.advance(30_000);
        const client = await signIn(after, clock, member);
        await clinicianReads(client, requestId);
      } finally {
        await after.close();
      }
    }
  });
});
