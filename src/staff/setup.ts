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
import { checkNewPassword, hashPassword, type PasswordProblem } from './passwords/passwords.js';
import type { AuditTrail, Origin, Sealer } from './ports.js';
import { staffRepository as repo, type StaffTokenRow, type StaffUserRow } from './repository.js';
import type { Sessions } from './sessions.js';
import { totpContext } from './sign-in.js';

/**
 * The one-time setup link: its owner (the first administrator, an invited colleague, or someone whose MFA
 * was reset) chooses a password, enrols an authenticator, and only then is signed in. The link stays valid
 * through these steps and is spent when they finish; it fails after its expiry or too many wrong codes.
 */

const SETUP_ATTEMPTS = 10;

export type SetupLink =
  | { ok: true; token: StaffTokenRow; user: StaffUserRow | null }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

export type PasswordChoice =
  | { ok: true; user: StaffUserRow }
  | { ok: false; field: 'email' | 'displayName' | 'password' | 'confirm'; problem: PasswordProblem | string };

export type SetupConfirmation =
  | { ok: true; sessionToken: string; recoveryCodes: string[] }
  | { ok: false; reason: 'invalid' | 'expired' };

export function createSetup(deps: {
  db: Kysely<Database>;
  audit: AuditTrail;
  sealer: Sealer;
  sessions: Sessions;
  now: () => Date;
  clinicName: string;
}) {
  const { db, audit, now, sealer } = deps;

  async function open(token: string): Promise<SetupLink> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: 'unknown' };
    const row = await repo.tokenByHash(db, hashToken(token));
    if (!row || (row.purpose !== 'first_admin' && row.purpose !== 'setup'))
      return { ok: false, reason: 'unknown' };
    if (row.used_at !== null) return { ok: false, reason: 'used' };
    if (Date.parse(row.expires_at) <= now().getTime() || row.attempts >= SETUP_ATTEMPTS) {
      return { ok: false, reason: 'expired' };
    }
    const user = row.user_id === null ? null : ((await repo.userById(db, row.user_id)) ?? null);
    if (row.user_id !== null && (user === null || user.disabled_at !== null))
      return { ok: false, reason: 'unknown' };
    return { ok: true, token: row, user };
  }

  return {
    open,

    /** Step one: the password (and, for the first administrator, who they are). */
    async choosePassword(
      link: Extract<SetupLink, { ok: true }>,
      input: { email: string; displayName: string; password: string; confirm: string },
      origin: Origin,
    ): Promise<PasswordChoice> {
      const email = link.user?.email ?? input.email.trim().toLowerCase();
      const displayName = link.user?.display_name ?? input.displayName.trim();
      if (link.user === null) {
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
          return { ok: false, field: 'email', problem: 'Enter your email address, like name@example.org.' };
        }
        if (displayName === '') return { ok: false, field: 'displayName', problem: 'Enter your name.' };
      }
      const problem = checkNewPassword(input.password, [email, displayName, deps.clinicName]);
      if (problem) return { ok: false, field: 'password', problem };
      if (input.password !== input.confirm) {
        return { ok: false, field: 'confirm', problem: 'The two passwords are not the same. Type it again.' };
      }
      const passwordHash = await hashPassword(input.password);
      const enrolment = newTotpEnrolment(deps.clinicName, email);
      return db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        let user = link.user;
        if (user === null) {
          // Between opening the link and now, someone else may have become the first administrator.
          if ((await repo.countUsers(trx)) > 0) {
            return {
              ok: false,
              field: 'email',
              problem: 'An administrator already exists. Ask them for an account.',
            };
          }
          user = {
            id: uuidv7(),
            email,
            display_name: displayName,
            roles: JSON.stringify(['admin']),
            password_hash: null,
            password_changed_at: null,
            totp_secret: null,
            totp_last_step: null,
            mfa_enrolled_at: null,
            disabled_at: null,
            created_at: at,
            updated_at: at,
          };
          await repo.insertUser(trx, user);
          await trx
            .updateTable('staff_tokens')
            .set({ user_id: user.id })
            .where('id', '=', link.token.id)
            .execute();
        }
        const changes = {
          password_hash: passwordHash,
          password_changed_at: at,
          // A pending authenticator key: it counts only once a code from it is confirmed.
          totp_secret: sealer.seal(enrolment.secret, totpContext(user.id)),
          totp_last_step: null,
          mfa_enrolled_at: null,
          updated_at: at,
        };
        await repo.updateUser(trx, user.id, changes);
        await audit.append(trx, {
          actorId: user.id,
          actorKind: link.user === null ? 'anonymous' : 'staff',
          action: link.user === null ? 'user.first_admin.create' : 'user.setup.password',
          outcome: 'success',
          targetType: 'staff_user',
          targetId: user.id,
          ip: origin.ip,
          requestId: origin.requestId,
        });
        return { ok: true, user: { ...user, ...changes } };
      });
    },

    /** Step two's page: the pending key as a QR code and as text. */
    authenticator(user: StaffUserRow, clinicName: string): TotpEnrolment | null {
      if (user.totp_secret === null || user.mfa_enrolled_at !== null || user.password_hash === null)
        return null;
      return totpEnrolment(sealer.open(user.totp_secret, totpContext(user.id)), clinicName, user.email);
    },

    /** Step two: a code proves the authenticator works; the account is ready and its owner signed in. */
    async confirm(token: string, code: string, origin: Origin): Promise<SetupConfirmation> {
      const link = await open(token);
      if (
        !link.ok ||
        link.user === null ||
        link.user.totp_secret === null ||
        link.user.password_hash === null
      ) {
        return { ok: false, reason: 'expired' };
      }
      const user = link.user;
      const at = now();
      const check = checkTotp(sealer.open(user.totp_secret!, totpContext(user.id)), code, at.getTime(), null);
      if (!check.ok) {
        await repo.countTokenAttempt(db, link.token.id);
        await audit.record({
          actorId: user.id,
          actorKind: 'staff',
          action: 'auth.mfa.enrol',
          outcome: 'failure',
          targetType: 'staff_user',
          targetId: user.id,
          ip: origin.ip,
          requestId: origin.requestId,
        });
        return { ok: false, reason: 'invalid' };
      }
      const recoveryCodes = newRecoveryCodes();
      return db.transaction().execute(async (trx) => {
        if (!(await repo.useToken(trx, link.token.id, at.toISOString())))
          return { ok: false, reason: 'expired' };
        await repo.updateUser(trx, user.id, {
          mfa_enrolled_at: at.toISOString(),
          totp_last_step: check.step,
          updated_at: at.toISOString(),
        });
        await repo.replaceRecoveryCodes(
          trx,
          user.id,
          recoveryCodes.map((code) => ({
            id: uuidv7(),
            code_hash: hashToken(code),
            created_at: at.toISOString(),
          })),
        );
        const sessionToken = await deps.sessions.start(trx, user, origin);
        await audit.append(trx, {
          actorId: user.id,
          actorKind: 'staff',
          action: 'auth.mfa.enrol',
          outcome: 'success',
          targetType: 'staff_user',
          targetId: user.id,
          ip: origin.ip,
          requestId: origin.requestId,
        });
        return { ok: true, sessionToken, recoveryCodes };
      });
    },
  };
}

export type Setup = ReturnType<typeof createSetup>;
