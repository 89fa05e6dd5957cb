import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { TestApp } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, type TestClock } from '../../test/helpers/staff.js';
import { createAuditLog } from '../platform/audit/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { createDevices } from './devices.js';
import { verifyWrappedRecoveryCode } from './mfa/legacy-recovery-codes.js';
import { checkTotp, hashToken, normalizeRecoveryCode } from './mfa/totp.js';
import { wrapBareRecoveryCodes } from './migrations/2026-12-04-013-rewrap-recovery-codes.js';
import { createSessions } from './sessions.js';
import { createSignIn } from './sign-in.js';
import { createThrottle } from './throttle.js';

/**
 * Issue 12: the code step took measurably longer for a real challenge than for a decoy, because only the
 * real one opened a secret and checked a code. Rather than time them, this counts the work each path does:
 * secrets opened, TOTP checks, recovery-code hashes and argon2 verifications of old (wrapped) recovery
 * codes must be the same for a decoy and a real challenge.
 */

type Work = { opened: number; totp: number; recovery: number; wrapped: number };

/** A sign-in service whose every secret opened and code check is counted in `work`. */
function countingSignIn({ db, cipher }: TestApp, clock: TestClock, work: Work) {
  const database = db.handle.db;
  const audit = createAuditLog({ db: database, now: clock.now, logger: createLogger({ level: 'silent' }) });
  return createSignIn({
    db: database,
    audit,
    sealer: {
      seal: (plaintext, context) => cipher.seal(plaintext, context),
      open: (sealed, context) => {
        work.opened += 1;
        return cipher.open(sealed, context);
      },
    },
    sessions: createSessions({
      db: database,
      audit,
      now: clock.now,
      settings: { idleMs: 60_000, maxMs: 3_600_000, maxConcurrent: 3 },
    }),
    throttle: createThrottle({ db: database, now: clock.now }),
    devices: createDevices({ db: database, now: clock.now }),
    now: clock.now,
    checks: {
      totp: (...args) => {
        work.totp += 1;
        return checkTotp(...args);
      },
      recoveryHash: (code) => {
        work.recovery += 1;
        return hashToken(normalizeRecoveryCode(code));
      },
      wrappedVerify: (stored, digest) => {
        work.wrapped += 1;
        return verifyWrappedRecoveryCode(stored, digest);
      },
    },
  });
}

/** The work one password step and a few wrong codes cost. */
async function cost(
  signIn: ReturnType<typeof countingSignIn>,
  work: Work,
  email: string,
  password: string,
  codes: string[],
) {
  const origin = { ip: '192.0.2.1', requestId: 'test' };
  const before = { ...work };
  const step = await signIn.passwordStep(email, password, origin);
  assert.ok(step.ok);
  for (const code of codes) {
    const result = await signIn.codeStep(step.challenge, code, origin);
    assert.deepEqual(result, { ok: false, reason: 'invalid' });
  }
  return {
    opened: work.opened - before.opened,
    totp: work.totp - before.totp,
    recovery: work.recovery - before.recovery,
    wrapped: work.wrapped - before.wrapped,
  };
}

appOnEachEngine('sign-in work', (_engine, it) => {
  it(
    'a decoy challenge and a real one open the same number of secrets and run the same code checks',
    { content: 'none' },
    async (testApp, clock) => {
      const member = await createStaffMember(testApp.app, clock, ['clinician']);
      const work = { opened: 0, totp: 0, recovery: 0, wrapped: 0 };
      const signIn = countingSignIn(testApp, clock, work);
      const codes = ['000000', 'aaaa-bbbb-cccc-dddd-eeee-ffff'];
      const { wrapped: _real, ...real } = await cost(signIn, work, member.email, member.password, codes);
      const { wrapped: _decoy, ...decoy } = await cost(signIn, work, member.email, 'not the password', codes);
      assert.deepEqual(real, { opened: 2, totp: 1, recovery: 1 });
      assert.deepEqual(decoy, real);
    },
  );

  it(
    'a wrong code of the old 12-character shape costs a decoy and a real challenge the same argon2 work',
    { content: 'none' },
    async (testApp, clock) => {
      const member = await createStaffMember(testApp.app, clock, ['clinician']);
      // The person still holds two codes from before 2026-12-04, wrapped as the migration wraps them.
      const database = testApp.db.handle.db;
      await database.deleteFrom('staff_recovery_codes').where('user_id', '=', member.id).execute();
      for (const old of ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2']) {
        await database
          .insertInto('staff_recovery_codes')
          .values({
            id: uuidv7(),
            user_id: member.id,
            code_hash: hashToken(old),
            used_at: null,
            created_at: clock.now().toISOString(),
          })
          .execute();
      }
      assert.equal(await wrapBareRecoveryCodes(database), 2);
      const work = { opened: 0, totp: 0, recovery: 0, wrapped: 0 };
      const signIn = countingSignIn(testApp, clock, work);
      const codes = ['zzzz-zzzz-zzzz'];
      const real = await cost(signIn, work, member.email, member.password, codes);
      const decoy = await cost(signIn, work, member.email, 'not the password', codes);
      assert.deepEqual(real, { opened: 1, totp: 0, recovery: 1, wrapped: 10 });
      assert.deepEqual(decoy, real);
    },
  );
});
