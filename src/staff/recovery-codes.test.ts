import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { TestApp } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, staffClient } from '../../test/helpers/staff.js';
import { staffMessages } from './messages.js';
import { hashToken } from './mfa/totp.js';
import { wrapBareRecoveryCodes } from './migrations/2026-12-04-013-rewrap-recovery-codes.js';

/**
 * ASVS 6.5.2: recovery codes are stored as SHA-256 hashes, which is enough only for codes of at least 112
 * bits. New codes have 24 characters from an alphabet of 31; codes made before (12 characters, about 59
 * bits, stored as a bare SHA-256) are wrapped in argon2id by migration 2026-12-04-013 and keep working
 * until the person makes new ones.
 */

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

async function signInWithRecoveryCode(
  app: Parameters<typeof staffClient>[0],
  email: string,
  password: string,
  code: string,
) {
  const client = staffClient(app);
  await client.submit('/staff/sign-in', '/staff/sign-in', { email, password });
  return client.submit('/staff/sign-in/code', '/staff/sign-in/code', { code });
}

/** Stores `code` the way Haven did before 2026-12-04 (a bare SHA-256 of its normal form), then migrates. */
async function holdLegacyCode({ db }: TestApp, userId: string, code: string, at: string) {
  await db.handle.db
    .insertInto('staff_recovery_codes')
    .values({ id: uuidv7(), user_id: userId, code_hash: hashToken(code), used_at: null, created_at: at })
    .execute();
  return wrapBareRecoveryCodes(db.handle.db);
}

appOnEachEngine('recovery codes', (_engine, it) => {
  it(
    'new recovery codes carry at least 112 bits and sign in typed in any case and grouping',
    { content: 'none' },
    async ({ app }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      assert.equal(member.recoveryCodes.length, 10);
      for (const code of member.recoveryCodes) {
        const compact = code.replace(/-/g, '');
        assert.ok([...compact].every((char) => ALPHABET.includes(char)));
        assert.ok(
          compact.length * Math.log2(ALPHABET.length) >= 112,
          `${compact.length} characters are too few`,
        );
      }
      const typed = member.recoveryCodes[0]!.replace(/-/g, ' ').toUpperCase();
      const response = await signInWithRecoveryCode(app, member.email, member.password, typed);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/staff/account?recovery-code-used=1');
    },
  );

  it(
    'a recovery code made before (12 characters) is re-wrapped, leaves no bare SHA-256 and signs in once',
    { content: 'none' },
    async (testApp, clock) => {
      const { app, db } = testApp;
      const member = await createStaffMember(app, clock, ['front_desk']);
      const old = 'abcd-efgh-jkmn';
      // An account from before 2026-12-04 holds only old codes (the migration runs before new ones exist).
      await db.handle.db.deleteFrom('staff_recovery_codes').where('user_id', '=', member.id).execute();
      assert.equal(await holdLegacyCode(testApp, member.id, old, clock.now().toISOString()), 1);
      const stored = () => db.handle.db.selectFrom('staff_recovery_codes').selectAll().execute();
      const rows = await stored();
      assert.equal(rows.length, 1);
      for (const row of rows) assert.match(row.code_hash, /^\$argon2id\$/);
      assert.ok(!JSON.stringify(rows).includes(hashToken(old)), 'a bare SHA-256 of the old code is stored');
      assert.equal(await wrapBareRecoveryCodes(db.handle.db), 0, 'running it again changes nothing');

      // A wrong code of the old shape gets the answer any wrong code gets, and spends nothing.
      const wrong = await signInWithRecoveryCode(app, member.email, member.password, 'abcd-efgh-jkmp');
      assert.equal(wrong.statusCode, 401);
      assert.ok(wrong.body.includes(staffMessages.codeFailed));
      assert.ok((await stored()).every((row) => row.used_at === null));

      assert.equal(
        (await signInWithRecoveryCode(app, member.email, member.password, 'ABCDEFGHJKMN')).statusCode,
        303,
      );
      assert.equal((await stored()).filter((row) => row.used_at !== null).length, 1);
      const again = await signInWithRecoveryCode(app, member.email, member.password, old);
      assert.equal(again.statusCode, 401);
      assert.ok(again.body.includes(staffMessages.codeFailed));
    },
  );
});
