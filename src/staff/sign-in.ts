import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../platform/database/schema.js';
import type { Devices } from './devices.js';
import {
  isLegacyRecoveryCode,
  LEGACY_SLOTS,
  paddingHash,
  verifyWrappedRecoveryCode,
  WRAPPED_PREFIX,
} from './mfa/legacy-recovery-codes.js';
import { checkTotp, hashToken, newTotpSecret, normalizeRecoveryCode } from './mfa/totp.js';
import { decoyHash, verifyPassword } from './passwords/passwords.js';
import type { AuditTrail, Origin, Sealer } from './ports.js';
import { staffRepository as repo, type StaffUserRow } from './repository.js';
import type { Sessions } from './sessions.js';
import { accountKey, type Throttle } from './throttle.js';

/**
 * Signing in takes two steps, and no session exists until both pass (decision 013): the password gives a
 * short-lived challenge, and a code from the authenticator (or a recovery code) turns it into a session.
 * Failures say nothing about which part was wrong: a wrong password also leads to the code page, where
 * every failure reads the same. Every attempt is audited, with the real reason.
 */

export const CHALLENGE_MS = 5 * 60_000;
export const CHALLENGE_ATTEMPTS = 5;

export const totpContext = (userId: string) => `staff_users.totp_secret:${userId}`;

export type PasswordStep =
  | { ok: true; challenge: string }
  | { ok: false; reason: 'needs_setup' }
  | { ok: false; reason: 'throttled'; waitMs: number };

export type CodeStep =
  | {
      ok: true;
      sessionToken: string;
      usedRecoveryCode: boolean;
      recoveryCodesLeft: number;
      /** A cookie value for a device not yet remembered for this account. */
      newDevice: string | null;
    }
  | { ok: false; reason: 'invalid' | 'expired' };

/** The checks a code goes through; injectable so a test can prove decoy and real do the same work. */
export interface CodeChecks {
  totp: typeof checkTotp;
  recoveryHash: (code: string) => string;
  /** argon2 verification of a typed code's hash against a wrapped (pre-2026-12-04) row. */
  wrappedVerify: (stored: string, digest: string) => Promise<boolean>;
}

const defaultChecks: CodeChecks = {
  totp: checkTotp,
  recoveryHash: (code) => hashToken(normalizeRecoveryCode(code)),
  wrappedVerify: verifyWrappedRecoveryCode,
};

/** What a typed recovery code may spend: the row with this hash, or this wrapped row; null for none. */
type RecoveryMatch = { hash: string } | { id: string } | null;

/** The id of the account a decoy challenge pretends to be: no row has it, so nothing can be claimed. */
const DECOY_USER_ID = '00000000-0000-0000-0000-000000000000';

export function createSignIn(deps: {
  db: Kysely<Database>;
  audit: AuditTrail;
  sealer: Sealer;
  sessions: Sessions;
  throttle: Throttle;
  devices: Devices;
  now: () => Date;
  checks?: Partial<CodeChecks>;
}) {
  const { db, audit, now, throttle, devices } = deps;
  const checks: CodeChecks = { ...defaultChecks, ...deps.checks };
  // A decoy challenge is checked against a sealed secret of its own, through the same steps as a real one.
  const decoyUser: Pick<StaffUserRow, 'id' | 'totp_secret' | 'totp_last_step' | 'disabled_at'> = {
    id: DECOY_USER_ID,
    totp_secret: deps.sealer.seal(newTotpSecret(), totpContext(DECOY_USER_ID)),
    totp_last_step: null,
    disabled_at: null,
  };

  const failed = (origin: Origin, action: string, user: { id: string } | undefined, reason: string) =>
    audit.record({
      actorId: user?.id ?? null,
      actorKind: user ? 'staff' : 'anonymous',
      action,
      outcome: 'failure',
      targetType: user ? 'staff_user' : null,
      targetId: user?.id ?? null,
      ip: origin.ip,
      requestId: origin.requestId,
      details: { reason },
    });

  /** A sign-in challenge for `userId`; for null, a decoy that counts attempts and never passes. */
  async function issueChallenge(
    userId: string | null,
    account: string,
    trx: Kysely<Database> = db,
  ): Promise<string> {
    const challenge = randomBytes(32).toString('base64url');
    const at = now();
    await repo.insertToken(trx, {
      id: uuidv7(),
      token_hash: hashToken(challenge),
      purpose: 'sign_in',
      user_id: userId,
      attempts: 0,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + CHALLENGE_MS).toISOString(),
      used_at: null,
      account_key: account,
    });
    return challenge;
  }

  /**
   * A 24-character code is looked up by its SHA-256. One of the old 12-character shape is verified against
   * the person's unused wrapped rows (ASVS 6.5.2), always LEGACY_SLOTS times, padded with a hash nothing
   * matches, so a decoy and a real challenge do the same argon2 work. This runs before the transaction, so
   * the slow hashing never holds a database connection.
   */
  async function matchRecoveryCode(userId: string, code: string): Promise<RecoveryMatch> {
    const digest = checks.recoveryHash(code);
    if (!isLegacyRecoveryCode(normalizeRecoveryCode(code))) return { hash: digest };
    const rows = await repo.wrappedRecoveryCodes(db, userId, WRAPPED_PREFIX, LEGACY_SLOTS);
    const padding = await paddingHash();
    let match: RecoveryMatch = null;
    for (let slot = 0; slot < LEGACY_SLOTS; slot += 1) {
      const row = rows[slot];
      const verified = await checks.wrappedVerify(row?.code_hash ?? padding, digest);
      if (verified && row && match === null) match = { id: row.id };
    }
    return match;
  }

  /** Who an attempt is counted against; a device remembered for this very account passes its lock. */
  const subjectOf = async (account: string, origin: Origin, device: string | undefined) => ({
    account,
    ip: origin.ip,
    knownDevice: (await devices.accountKeyOf(device)) === account,
  });

  return {
    async passwordStep(
      email: string,
      password: string,
      origin: Origin,
      device?: string,
    ): Promise<PasswordStep> {
      const address = email.trim().toLowerCase();
      const subject = await subjectOf(accountKey(address), origin, device);
      const user = await repo.userByEmail(db, address);
      // Checking and counting are one step (issue 12): simultaneous attempts cannot all pass the check.
      const claim = await throttle.claim(subject);
      if (!claim.ok) {
        await failed(origin, 'auth.login', user, 'throttled');
        return { ok: false, reason: 'throttled', waitMs: claim.waitMs };
      }
      // The same argon2 work happens whether or not the account exists.
      const matches = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
      if (!user || !matches || user.password_hash === null || user.disabled_at !== null) {
        const reason = !user ? 'unknown_account' : user.disabled_at !== null ? 'disabled' : 'bad_password';
        await failed(origin, 'auth.login', user, reason);
        // A wrong password leads to the code page too, with a challenge no code can pass, so the answer
        // never tells whether the password was right: only "the email, password or code is not right".
        return { ok: true, challenge: await issueChallenge(null, subject.account) };
      }
      if (user.mfa_enrolled_at === null || user.totp_secret === null) {
        await failed(origin, 'auth.login', user, 'mfa_not_enrolled');
        return { ok: false, reason: 'needs_setup' };
      }
      let challenge = '';
      await db.transaction().execute(async (trx) => {
        challenge = await issueChallenge(user.id, subject.account, trx);
        await audit.append(trx, {
          actorId: user.id,
          actorKind: 'staff',
          action: 'auth.password',
          outcome: 'success',
          targetType: 'staff_user',
          targetId: user.id,
          ip: origin.ip,
          requestId: origin.requestId,
        });
      });
      return { ok: true, challenge };
    },

    /**
     * A decoy challenge (after a wrong password) and a real one take exactly the same path: the same
     * lookups, the same attempt claim, the same code checks against a sealed secret, the same counting of
     * the failure; only the decoy's user matches no row, so nothing it claims can succeed. Neither asks the
     * throttle to wait: the password step did, and each challenge has five tries (issue 12).
     */
    async codeStep(challenge: string, code: string, origin: Origin, device?: string): Promise<CodeStep> {
      const at = now();
      const token = await repo.tokenByHash(db, hashToken(challenge));
      if (
        token?.purpose !== 'sign_in' ||
        token.used_at !== null ||
        Date.parse(token.expires_at) <= at.getTime() ||
        token.attempts >= CHALLENGE_ATTEMPTS
      ) {
        return { ok: false, reason: 'expired' };
      }
      const found = await repo.userById(db, token.user_id ?? DECOY_USER_ID);
      const user = token.user_id === null ? decoyUser : found;
      if (!user || user.disabled_at !== null || user.totp_secret === null)
        return { ok: false, reason: 'expired' };
      const subject = await subjectOf(token.account_key ?? '', origin, device);
      // The challenge's attempt is claimed before the code is looked at, so five is five even in parallel.
      if (!(await repo.claimTokenAttempt(db, token.id, CHALLENGE_ATTEMPTS, at.toISOString())))
        return { ok: false, reason: 'expired' };
      const secret = deps.sealer.open(user.totp_secret, totpContext(user.id));
      const looksLikeRecovery = /[a-z]/i.test(code);
      const recovery = looksLikeRecovery ? await matchRecoveryCode(user.id, code) : null;
      const result = await db.transaction().execute(async (trx) => {
        let usedRecoveryCode = false;
        if (looksLikeRecovery) {
          const spent =
            recovery !== null &&
            ('id' in recovery
              ? await repo.spendRecoveryCodeById(trx, user.id, recovery.id, at.toISOString())
              : await repo.spendRecoveryCode(trx, user.id, recovery.hash, at.toISOString()));
          if (!spent) return null;
          usedRecoveryCode = true;
        } else {
          const check = checks.totp(secret, code, at.getTime(), user.totp_last_step);
          // Claiming the step in the database makes a code single-use even across processes.
          if (!check.ok || !(await repo.claimTotpStep(trx, user.id, check.step))) return null;
        }
        if (!found || !(await repo.useToken(trx, token.id, at.toISOString()))) return null;
        const sessionToken = await deps.sessions.start(trx, found, origin);
        const newDevice = subject.knownDevice ? null : await devices.remember(trx, found.id);
        await audit.append(trx, {
          actorId: found.id,
          actorKind: 'staff',
          action: 'auth.login',
          outcome: 'success',
          targetType: 'staff_user',
          targetId: found.id,
          ip: origin.ip,
          requestId: origin.requestId,
          details: { second_factor: usedRecoveryCode ? 'recovery_code' : 'totp' },
        });
        return { sessionToken, usedRecoveryCode, newDevice, userId: found.id };
      });
      if (result === null) {
        const reason =
          token.user_id === null
            ? 'after_failed_password'
            : looksLikeRecovery
              ? 'bad_recovery_code'
              : 'bad_or_reused_code';
        await throttle.record(subject);
        await failed(origin, 'auth.mfa', found, reason);
        return { ok: false, reason: 'invalid' };
      }
      await throttle.forgive(subject);
      const recoveryCodesLeft = await repo.unusedRecoveryCodes(db, result.userId);
      const { userId: _userId, ...rest } = result;
      return { ok: true, ...rest, recoveryCodesLeft };
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
