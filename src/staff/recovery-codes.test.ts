import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, staffClient } from '../../test/helpers/staff.js';
import { hashToken } from './mfa/totp.js';

/**
 * ASVS 6.5.2: recovery codes are stored as SHA-256 hashes, which is enough only for codes of at least 112
 * bits. New codes have 24 characters from an alphabet of 31; codes made before (12 characters, about 59
 * bits) keep working until the person makes new ones.
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
    'a recovery code made before (12 characters, stored as its hash) still signs in, once',
    { content: 'none' },
    async ({ app, db }, clock) => {
      const member = await createStaffMember(app, clock, ['front_desk']);
      const old = 'abcd-efgh-jkmn';
      await db.handle.db
        .insertInto('staff_recovery_codes')
        .values({
          id: uuidv7(),
          user_id: member.id,
          code_hash: hashToken(old),
          used_at: null,
          created_at: clock.now().toISOString(),
        })
        .execute();
      assert.equal(
        (await signInWithRecoveryCode(app, member.email, member.password, 'ABCDEFGHJKMN')).statusCode,
        303,
      );
      assert.equal((await signInWithRecoveryCode(app, member.email, member.password, old)).statusCode, 401);
    },
  );
});
