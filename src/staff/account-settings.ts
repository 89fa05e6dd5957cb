import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../platform/database/schema.js';
import {
  checkTotp,
  hashToken,
  newRecoveryCodes,
  newTotpEnrolment,
  type TotpEnrolment,
  totpEnrolment,
} from './mfa/totp.js';
import {
  checkNewPassword,
  hashPassword,
  type PasswordProblem,
  verifyPassword,
} from './passwords/passwords.js';
import type { Actor } from './permissions.js';
import type { AuditTrail, Sealer } from './ports.js';
import { staffRepository as repo, type StaffSessionRow } from './repository.js';
import type { Sessions } from './sessions.js';
import { totpContext } from './sign-in.js';
import { accountKey, type Throttle } from './throttle.js';

/**
 * A staff member's own account: confirming who they are again (password and code) before changing the
 * password, the authenticator or the recovery codes, and then making that change.
 */

export type Reauth =
  | { ok: true }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; waitMs: number };

/** A new authenticator's key is carried between the two steps sealed to the session that asked for it. */
const pendingContext = (sessionId: string) => `staff_sessions.pending_totp:${sessionId}`;

export function createAccountSettings(deps: {
  db: Kysely<Database>;
  audit: AuditTrail;
  sealer: Sealer;
  sessions: Sessions;
  throttle: Throttle;
  now: () => Date;
  clinicName: string;
}) {
  const { db, audit, now, sealer } = deps;
  const event = (actor: Actor, action: string, outcome: 'success' | 'failure') => ({
    actorId: actor.userId,
    actorKind: 'staff' as const,
    action,
    outcome,
    targetType: 'staff_user',
    targetId: actor.userId,
    ip: actor.ip,
    requestId: actor.requestId,
  });

  return {
    async reauthenticate(
      actor: Actor,
      session: StaffSessionRow,
      password: string,
      code: string,
    ): Promise<Reauth> {
      const user = await repo.userById(db, actor.userId);
      if (!user || user.password_hash === null || user.totp_secret === null)
        return { ok: false, reason: 'invalid' };
      // A signed-in person is on a device that signed in: only this address's counters can hold them.
      const subject = { account: accountKey(user.email), ip: actor.ip, knownDevice: true };
      const claim = await deps.throttle.claim(subject);
      if (!claim.ok) return { ok: false, reason: 'throttled', waitMs: claim.waitMs };
      const passwordOk = await verifyPassword(user.password_hash, password);
      const check = checkTotp(
        sealer.open(user.totp_secret, totpContext(user.id)),
        code,
        now().getTime(),
        user.totp_last_step,
      );
      const ok = passwordOk && check.ok && (await repo.claimTotpStep(db, user.id, check.step));
      if (!ok) {
        await audit.record(event(actor, 'auth.reauthenticate', 'failure'));
        return { ok: false, reason: 'invalid' };
      }
      await deps.throttle.forgive(subject);
      await deps.sessions.markReauthenticated(session);
      await audit.record(event(actor, 'auth.reauthenticate', 'success'));
      return { ok: true };
    },

    async changePassword(
      actor: Actor,
      session: StaffSessionRow,
      password: string,
      confirm: string,
    ): Promise<{ ok: true } | { ok: false; problem: PasswordProblem | 'mismatch' | 'stale' }> {
      if (!deps.sessions.isFreshlyAuthenticated(session)) return { ok: false, problem: 'stale' };
      const user = await repo.userById(db, actor.userId);
      if (!user) return { ok: false, problem: 'stale' };
      const problem = checkNewPassword(password, [user.email, user.display_name, deps.clinicName]);
      if (problem) return { ok: false, problem };
      if (password !== confirm) return { ok: false, problem: 'mismatch' };
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        await repo.updateUser(trx, user.id, {
          password_hash: passwordHash,
          password_changed_at: at,
          updated_at: at,
        });
        // Anyone who knew the old password is signed out everywhere else.
        await repo.revokeSessions(trx, user.id, at, session.id);
        await audit.append(trx, event(actor, 'auth.password.change', 'success'));
      });
      return { ok: true };
    },

    /** A new key to scan, sealed for the confirming step; the current authenticator keeps working until then. */
    newAuthenticator(
      session: StaffSessionRow,
      email: string,
    ): { enrolment: TotpEnrolment; sealed: string } | null {
      if (!deps.sessions.isFreshlyAuthenticated(session)) return null;
      const enrolment = newTotpEnrolment(deps.clinicName, email);
      return { enrolment, sealed: sealer.seal(enrolment.secret, pendingContext(session.id)) };
    },

    /** The pending key's page again, after a wrong code. */
    reopenAuthenticator(
      session: StaffSessionRow,
      sealed: string,
      email: string,
    ): { enrolment: TotpEnrolment; sealed: string } | null {
      try {
        return {
          enrolment: totpEnrolment(sealer.open(sealed, pendingContext(session.id)), deps.clinicName, email),
          sealed,
        };
      } catch {
        return null;
      }
    },

    async confirmAuthenticator(
      actor: Actor,
      session: StaffSessionRow,
      sealed: string,
      code: string,
    ): Promise<{ ok: true } | { ok: false; reason: 'invalid' | 'stale' }> {
      if (!deps.sessions.isFreshlyAuthenticated(session)) return { ok: false, reason: 'stale' };
      let secret: string;
      try {
        secret = sealer.open(sealed, pendingContext(session.id));
      } catch {
        return { ok: false, reason: 'stale' };
      }
      const check = checkTotp(secret, code, now().getTime(), null);
      if (!check.ok) {
        await audit.record(event(actor, 'auth.mfa.change', 'failure'));
        return { ok: false, reason: 'invalid' };
      }
      await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        await repo.updateUser(trx, actor.userId, {
          totp_secret: sealer.seal(secret, totpContext(actor.userId)),
          totp_last_step: check.step,
          mfa_enrolled_at: at,
          updated_at: at,
        });
        await repo.revokeSessions(trx, actor.userId, at, session.id);
        await audit.append(trx, event(actor, 'auth.mfa.change', 'success'));
      });
      return { ok: true };
    },

    async newRecoveryCodes(actor: Actor, session: StaffSessionRow): Promise<string[] | null> {
      if (!deps.sessions.isFreshlyAuthenticated(session)) return null;
      const codes = newRecoveryCodes();
      await db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        await repo.replaceRecoveryCodes(
          trx,
          actor.userId,
          codes.map((code) => ({ id: uuidv7(), code_hash: hashToken(code), created_at: at })),
        );
        await audit.append(trx, event(actor, 'auth.recovery_codes.replace', 'success'));
      });
      return codes;
    },

    recoveryCodesLeft: (userId: string) => repo.unusedRecoveryCodes(db, userId),
  };
}

export type AccountSettings = ReturnType<typeof createAccountSettings>;
