import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../platform/database/schema.js';
import { checkTotp, hashToken, normalizeRecoveryCode } from './mfa/totp.js';
import { decoyHash, verifyPassword } from './passwords/passwords.js';
import type { AuditTrail, Origin, Sealer } from './ports.js';
import { staffRepository as repo, type StaffUserRow } from './repository.js';
import type { Sessions } from './sessions.js';
import type { Throttle } from './throttle.js';

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
  | { ok: true; sessionToken: string; usedRecoveryCode: boolean; recoveryCodesLeft: number }
  | { ok: false; reason: 'invalid' | 'expired' }
  | { ok: false; reason: 'throttled'; waitMs: number };

export function createSignIn(deps: {
  db: Kysely<Database>;
  audit: AuditTrail;
  sealer: Sealer;
  sessions: Sessions;
  throttle: Throttle;
  now: () => Date;
}) {
  const { db, audit, now, throttle } = deps;

  const failed = (origin: Origin, action: string, user: StaffUserRow | undefined, reason: string) =>
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
  async function issueChallenge(userId: string | null, trx: Kysely<Database> = db): Promise<string> {
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
    });
    return challenge;
  }

  return {
    async passwordStep(email: string, password: string, origin: Origin): Promise<PasswordStep> {
      const address = email.trim().toLowerCase();
      const waitMs = await throttle.waitMs(address, origin.ip);
      const user = await repo.userByEmail(db, address);
      if (waitMs > 0) {
        await failed(origin, 'auth.login', user, 'throttled');
        return { ok: false, reason: 'throttled', waitMs };
      }
      // The same argon2 work happens whether or not the account exists.
      const matches = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
      if (!user || !matches || user.password_hash === null || user.disabled_at !== null) {
        await throttle.failure(address, origin.ip);
        const reason = !user ? 'unknown_account' : user.disabled_at !== null ? 'disabled' : 'bad_password';
        await failed(origin, 'auth.login', user, reason);
        // A wrong password leads to the code page too, with a challenge no code can pass, so the answer
        // never tells whether the password was right: only "the email, password or code is not right".
        return { ok: true, challenge: await issueChallenge(null) };
      }
      if (user.mfa_enrolled_at === null || user.totp_secret === null) {
        await failed(origin, 'auth.login', user, 'mfa_not_enrolled');
        return { ok: false, reason: 'needs_setup' };
      }
      let challenge = '';
      await db.transaction().execute(async (trx) => {
        challenge = await issueChallenge(user.id, trx);
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

    async codeStep(challenge: string, code: string, origin: Origin): Promise<CodeStep> {
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
      if (token.user_id === null) {
        // The decoy after a wrong password: answered exactly as a wrong code is.
        await repo.countTokenAttempt(db, token.id);
        await failed(origin, 'auth.mfa', undefined, 'after_failed_password');
        return { ok: false, reason: 'invalid' };
      }
      const user = await repo.userById(db, token.user_id);
      if (!user || user.disabled_at !== null || user.totp_secret === null)
        return { ok: false, reason: 'expired' };
      const waitMs = await throttle.waitMs(user.email, origin.ip);
      if (waitMs > 0) {
        await failed(origin, 'auth.mfa', user, 'throttled');
        return { ok: false, reason: 'throttled', waitMs };
      }
      const secret = deps.sealer.open(user.totp_secret, totpContext(user.id));
      const looksLikeRecovery = /[a-z]/i.test(code);
      const result = await db.transaction().execute(async (trx) => {
        let usedRecoveryCode = false;
        if (looksLikeRecovery) {
          const hash = hashToken(normalizeRecoveryCode(code));
          if (!(await repo.spendRecoveryCode(trx, user.id, hash, at.toISOString()))) return null;
          usedRecoveryCode = true;
        } else {
          const check = checkTotp(secret, code, at.getTime(), user.totp_last_step);
          // Claiming the step in the database makes a code single-use even across processes.
          if (!check.ok || !(await repo.claimTotpStep(trx, user.id, check.step))) return null;
        }
        if (!(await repo.useToken(trx, token.id, at.toISOString()))) return null;
        const sessionToken = await deps.sessions.start(trx, user, origin);
        await audit.append(trx, {
          actorId: user.id,
          actorKind: 'staff',
          action: 'auth.login',
          outcome: 'success',
          targetType: 'staff_user',
          targetId: user.id,
          ip: origin.ip,
          requestId: origin.requestId,
          details: { second_factor: usedRecoveryCode ? 'recovery_code' : 'totp' },
        });
        return { sessionToken, usedRecoveryCode };
      });
      if (result === null) {
        await repo.countTokenAttempt(db, token.id);
        await throttle.failure(user.email, origin.ip);
        await failed(
          origin,
          'auth.mfa',
          user,
          looksLikeRecovery ? 'bad_recovery_code' : 'bad_or_reused_code',
        );
        return { ok: false, reason: 'invalid' };
      }
      await throttle.success(user.email, origin.ip);
      const recoveryCodesLeft = await repo.unusedRecoveryCodes(db, user.id);
      return { ok: true, ...result, recoveryCodesLeft };
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
