import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { migrationNames } from '../src/database.js';
import { type AllowedTouch, checkArchitecture, type SourceFile } from './architecture/checker.js';

/**
 * Decision 022: the platform imports no feature, a feature reaches another only through its index.ts, and no
 * feature's SQL or migration touches a table another owns.
 */

const root = path.resolve(import.meta.dirname, '..');

/**
 * Migrations that ran in real databases before features owned their data. They never change, so they keep
 * touching what they touched then; nothing new may join this list.
 */
const HISTORICAL: readonly AllowedTouch[] = [
  {
    file: 'src/screening/migrations/2026-11-25-007-screening.ts',
    table: 'appointment_requests',
    why: 'added the urgent safety review columns to intake’s requests (now intake’s, behind its review port)',
  },
];

function sources(): SourceFile[] {
  return readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { path: path.relative(root, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') };
    });
}

describe('architecture (decision 022)', () => {
  test('the platform imports no feature, features meet only at index.ts, and each touches only its tables', () => {
    const files = sources();
    assert.ok(files.length > 100, 'the walk found the sources');
    assert.deepEqual(checkArchitecture(files, HISTORICAL), []);
  });

  test('every historical exception is still needed, so the allow-list cannot grow stale', () => {
    const files = sources();
    for (const allowed of HISTORICAL) {
      const without = HISTORICAL.filter((other) => other !== allowed);
      assert.ok(
        checkArchitecture(files, without).some((violation) => violation.file === allowed.file),
        `${allowed.file} no longer touches ${allowed.table}`,
      );
    }
  });

  test('migration names already applied in real databases are kept, once each, in their order', () => {
    assert.deepEqual(migrationNames, [
      '2026-11-25-001-app-state',
      '2026-11-25-002-content',
      '2026-11-25-003-audit',
      '2026-11-25-004-staff',
      '2026-11-25-005-outbox',
      '2026-11-25-006-appointment-requests',
      '2026-11-25-007-screening',
      '2026-12-04-008-sign-in-hardening',
      '2026-12-04-009-screening-leaks',
      '2026-12-04-013-rewrap-recovery-codes',
    ]);
  });
});

describe('the architecture checker finds what it is for', () => {
  const tables: SourceFile[] = [
    {
      path: 'src/platform/database/schema.ts',
      text: 'export interface PlatformTables { audit_events: A; }',
    },
    { path: 'src/intake/tables.ts', text: 'export interface IntakeTables { appointment_requests: R; }' },
    { path: 'src/screening/tables.ts', text: 'export interface ScreeningTables { screening_responses: S; }' },
  ];
  const check = (...files: SourceFile[]) =>
    checkArchitecture([...tables, ...files], []).map(
      (violation) => `${violation.file}: ${violation.message}`,
    );

  test('a platform module that imports a feature', () => {
    const found = check({
      path: 'src/platform/audit/list.ts',
      text: "import { requirePermission } from '../../staff/permissions.js';",
    });
    assert.equal(found.length, 1);
    assert.match(found[0]!, /the platform imports src\/staff\/permissions/);
  });

  test('a feature that reaches past another feature’s index.ts, or into the composition root', () => {
    const found = check(
      { path: 'src/screening/a.ts', text: "import { repo } from '../intake/repository.js';" },
      { path: 'src/screening/b.ts', text: "export { x } from '../intake/index.js';" },
      { path: 'src/screening/c.ts', text: "const m = await import('../database.js');" },
    );
    assert.deepEqual(found, [
      'src/screening/a.ts: screening imports src/intake/repository; another feature is reached only through src/intake/index.ts',
      'src/screening/c.ts: a feature imports the composition root (src/database)',
    ]);
  });

  test('SQL or DDL on a table another feature owns, however it is written', () => {
    const found = check(
      {
        path: 'src/screening/repository.ts',
        text: `export const r = (db) => db
          .selectFrom('screening_responses as r')
          .innerJoin('appointment_requests as a', 'a.id', 'r.request_id');
        export const w = (trx) => trx.updateTable('appointment_requests').set({}).execute();`,
      },
      {
        path: 'src/screening/migrations/2027-01-01-010-x.ts',
        text: `export async function up(db) {
          await db.schema.alterTable('appointment_requests').addColumn('x', 'text').execute();
          await db.schema.createIndex('i').on('appointment_requests').column('x').execute();
        }`,
      },
      { path: 'src/intake/purge.ts', text: "db.deleteFrom('audit_events')" },
      { path: 'src/platform/mail/x.ts', text: "db.selectFrom(['screening_responses'])" },
    );
    assert.equal(found.length, 6, found.join('\n'));
    assert.ok(found.every((line) => /touches \w+, which \w+ owns/.test(line)));
  });

  test('a table no one declares, and the allow-list and test code', () => {
    assert.deepEqual(check({ path: 'src/intake/x.ts', text: "db.selectFrom('ghosts')" }), [
      'src/intake/x.ts: ghosts is declared in no tables.ts (nor the platform’s schema.ts)'.replace('’', "'"),
    ]);
    const migration = {
      path: 'src/screening/migrations/old.ts',
      text: "db.schema.alterTable('appointment_requests')",
    };
    assert.equal(
      checkArchitecture(
        [...tables, migration],
        [{ ...migration, file: migration.path, table: 'appointment_requests', why: '' }],
      ).length,
      0,
    );
    assert.deepEqual(
      check({ path: 'src/screening/x.test.ts', text: "db.selectFrom('appointment_requests')" }),
      [],
    );
  });
});
