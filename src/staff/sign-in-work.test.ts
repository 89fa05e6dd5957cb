import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember } from '../../test/helpers/staff.js';
import { createAuditLog } from '../platform/audit/index.js';
import { createLogger } from '../platform/logging/logger.js';
import { createDevices } from './devices.js';
import { checkTotp, hashToken, normalizeRecoveryCode } from './mfa/totp.js';
import { createSessions } from './sessions.js';
import { createSignIn } from './sign-in.js';
import { createThrottle } from './throttle.js';

/**
 * Issue 12: the code step took measurably longer for a real challenge than for a decoy, because only the
 * real one opened a secret and checked a code. Rather than time them, this counts the work each path does:
 * secrets opened, TOTP checks and recovery-code hashes must be the same for a decoy and a real challenge.
 */

appOnEachEngine('sign-in work', (_engine, it) => {
  it(
    'a decoy challenge and a real one open the same number of secrets and run the same code checks',
    { content: 'none' },
    async ({ app, db, cipher }, clock) => {
      const member = await createStaffMember(app, clock, ['clinician']);
      const work = { opened: 0, totp: 0, recovery: 0 };
      const database = db.handle.db;
      const audit = createAuditLog({
        db: database,
        now: clock.now,
        logger: createLogger({ level: 'silent' }),
      });
      const signIn = createSignIn({
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
        },
      });
      const origin = { ip: '192.0.2.1', requestId: 'test' };
      /** The work one password step and two wrong codes (a TOTP code, a recovery code) cost. */
      const cost = async (password: string) => {
        const before = { ...work };
        const step = await signIn.passwordStep(member.email, password, origin);
        assert.ok(step.ok);
        for (const code of ['000000', 'aaaa-bbbb-cccc-dddd-eeee-ffff']) {
          const result = await signIn.codeStep(step.challenge, code, origin);
          assert.deepEqual(result, { ok: false, reason: 'invalid' });
        }
        return {
          opened: work.opened - before.opened,
          totp: work.totp - before.totp,
          recovery: work.recovery - before.recovery,
        };
      };
      const real = await cost(member.password);
      const decoy = await cost('not the password');
      assert.deepEqual(real, { opened: 2, totp: 1, recovery: 1 });
      assert.deepEqual(decoy, real);
    },
  );
});
