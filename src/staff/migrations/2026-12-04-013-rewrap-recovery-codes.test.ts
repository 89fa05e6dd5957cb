import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { Migrator } from 'kysely/migration';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { migrateToLatest, migrations } from '../../database.js';

/**
 * ASVS 6.5.2 (issue 12): a database holding recovery codes from before 2026-12-04, stored as a bare
 * SHA-256, is migrated to argon2id of that hash on both engines (PostgreSQL's column had room for 64
 * characters only), and no bare SHA-256 is left in any column.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

forEachEngine('recovery code re-wrap migration', (_engine, it) => {
  it(
    'old recovery codes stored as a bare SHA-256 are wrapped in argon2id of it',
    async ({ handle }) => {
      const db = handle.db;
      const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
      const before = await migrator.migrateTo('2026-12-04-009-screening-leaks');
      assert.equal(before.error, undefined);
      const at = '2026-11-30T10:00:00.000Z';
      await db
        .insertInto('staff_users')
        .values({
          id: '0193a000-0000-7000-8000-000000000001',
          email: 'old@clinic.example',
          display_name: 'Old Codes',
          roles: '["clinician"]',
          password_hash: null,
          password_changed_at: null,
          totp_secret: null,
          totp_last_step: null,
          mfa_enrolled_at: null,
          disabled_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const old = ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2'];
      for (const [index, code] of old.entries()) {
        await db
          .insertInto('staff_recovery_codes')
          .values({
            id: `0193a000-0000-7000-8000-00000000001${index}`,
            user_id: '0193a000-0000-7000-8000-000000000001',
            code_hash: sha256(code),
            used_at: index === 1 ? at : null,
            created_at: at,
          })
          .execute();
      }

      assert.deepEqual((await migrateToLatest(db)).applied, ['2026-12-04-013-rewrap-recovery-codes']);

      const rows = await db.selectFrom('staff_recovery_codes').selectAll().orderBy('id').execute();
      assert.equal(rows.length, 2);
      const stored = JSON.stringify(rows);
      for (const [index, code] of old.entries()) {
        assert.ok(!stored.includes(sha256(code)), 'a bare SHA-256 is left');
        assert.match(rows[index]!.code_hash, /^\$argon2id\$/);
        assert.ok(await verify(rows[index]!.code_hash, sha256(code)));
      }
      assert.equal(rows[1]!.used_at, at, 'a spent code stays spent');
    },
    { migrated: false },
  );
});
