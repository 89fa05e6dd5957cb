import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import type { Database } from '../platform/database/schema.js';
import { hashToken } from './mfa/totp.js';
import { type Actor, ROLES, type Role, requirePermission } from './permissions.js';
import type { AuditTrail, StaffAuditEvent } from './ports.js';
import { staffRepository as repo, type StaffUserRow } from './repository.js';
import { rolesOf } from './sessions.js';

/**
 * Managing staff accounts: the first administrator, invitations, roles, disabling and MFA resets. Every
 * change is checked against the permission table here (not only in routes) and audited in its transaction.
 * The server-side CLI acts as `{ kind: 'cli' }`: whoever can run it already holds the server (decision 013).
 */

export type Requester = Actor | { kind: 'cli' };

export const FIRST_ADMIN_LINK_MS = 30 * 60_000;
export const INVITATION_LINK_MS = 24 * 60 * 60_000;

export const NewStaffUser = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address like name@example.org.' })),
  displayName: z.string().trim().min(1, { error: 'Enter the person’s name.' }).max(200),
  roles: z.array(z.enum(ROLES)).min(1, { error: 'Choose at least one role.' }),
});
export type NewStaffUser = z.infer<typeof NewStaffUser>;

export type AccountResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface StaffUserView {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  mfaEnrolled: boolean;
  disabled: boolean;
  createdAt: string;
}

export function toView(user: StaffUserRow): StaffUserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    roles: rolesOf(user),
    mfaEnrolled: user.mfa_enrolled_at !== null,
    disabled: user.disabled_at !== null,
    createdAt: user.created_at,
  };
}

function who(requester: Requester): Pick<StaffAuditEvent, 'actorId' | 'actorKind' | 'ip' | 'requestId'> {
  return 'kind' in requester
    ? { actorId: null, actorKind: 'cli', ip: null, requestId: null }
    : { actorId: requester.userId, actorKind: 'staff', ip: requester.ip, requestId: requester.requestId };
}

export function createAccounts(deps: {
  db: Kysely<Database>;
  audit: AuditTrail;
  now: () => Date;
  publicUrl: URL;
}) {
  const { db, now } = deps;
  const guard = (requester: Requester) => {
    if (!('kind' in requester)) requirePermission(requester, 'users:manage');
  };
  const linkFor = (token: string) => new URL(`staff/setup?token=${token}`, deps.publicUrl).href;

  async function issueLink(
    trx: Kysely<Database>,
    userId: string | null,
    purpose: 'first_admin' | 'setup',
    validMs: number,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const at = now();
    if (userId !== null) await repo.retireTokens(trx, userId, ['setup'], at.toISOString());
    await repo.insertToken(trx, {
      id: uuidv7(),
      token_hash: hashToken(token),
      purpose,
      user_id: userId,
      attempts: 0,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + validMs).toISOString(),
      used_at: null,
      account_key: null,
    });
    return linkFor(token);
  }

  /** Admins other than `userId` who can still sign in: the last one may not be removed or disabled. */
  async function otherActiveAdmins(trx: Kysely<Database>, userId: string): Promise<number> {
    const users = await repo.listUsers(trx);
    return users.filter((u) => u.id !== userId && u.disabled_at === null && rolesOf(u).includes('admin'))
      .length;
  }

  async function change(
    requester: Requester,
    userId: string,
    action: string,
    apply: (trx: Kysely<Database>, user: StaffUserRow) => Promise<AccountResult<string | null>>,
  ): Promise<AccountResult<string | null>> {
    guard(requester);
    return db.transaction().execute(async (trx) => {
      const user = await repo.userById(trx, userId);
      if (!user) return { ok: false, reason: 'There is no such staff member.' };
      const result = await apply(trx, user);
      if (result.ok) {
        await deps.audit.append(trx, {
          ...who(requester),
          action,
          outcome: 'success',
          targetType: 'staff_user',
          targetId: userId,
        });
      }
      return result;
    });
  }

  return {
    async hasStaff(): Promise<boolean> {
      return (await repo.countUsers(db)) > 0;
    },

    /** On a database with no staff: a one-time link to create the first administrator, or null. */
    async firstAdminLink(): Promise<string | null> {
      return db.transaction().execute(async (trx) => {
        if ((await repo.countUsers(trx)) > 0) return null;
        await trx
          .updateTable('staff_tokens')
          .set({ used_at: now().toISOString() })
          .where('purpose', '=', 'first_admin')
          .where('used_at', 'is', null)
          .execute();
        const link = await issueLink(trx, null, 'first_admin', FIRST_ADMIN_LINK_MS);
        await deps.audit.append(trx, {
          actorId: null,
          actorKind: 'system',
          action: 'user.first_admin_link',
          outcome: 'success',
        });
        return link;
      });
    },

    /** Names of colleagues who can sign in, for assigning work: no permission needed beyond being staff. */
    async colleagues(): Promise<{ id: string; displayName: string }[]> {
      return (await repo.listUsers(db))
        .filter((user) => user.disabled_at === null)
        .map((user) => ({ id: user.id, displayName: user.display_name }));
    },

    /**
     * Every account's name by id, disabled ones included, for saying who did something in the past; other
     * features ask this instead of reading staff_users (decision 022).
     */
    async names(): Promise<ReadonlyMap<string, string>> {
      return new Map((await repo.listUsers(db)).map((user) => [user.id, user.display_name]));
    },

    async list(requester: Requester): Promise<StaffUserView[]> {
      guard(requester);
      return (await repo.listUsers(db)).map(toView);
    },

    async get(requester: Requester, userId: string): Promise<StaffUserView | null> {
      guard(requester);
      const user = await repo.userById(db, userId);
      return user ? toView(user) : null;
    },

    async findByEmail(requester: Requester, email: string): Promise<StaffUserView | null> {
      guard(requester);
      const user = await repo.userByEmail(db, email.trim().toLowerCase());
      return user ? toView(user) : null;
    },

    /** Creates an account with no password or MFA yet, and the one-time link where its owner sets both. */
    async create(
      requester: Requester,
      input: NewStaffUser,
    ): Promise<AccountResult<{ user: StaffUserView; link: string }>> {
      guard(requester);
      return db.transaction().execute(async (trx) => {
        if (await repo.userByEmail(trx, input.email)) {
          return { ok: false, reason: 'A staff member with this email address already exists.' };
        }
        const at = now().toISOString();
        const user: StaffUserRow = {
          id: uuidv7(),
          email: input.email,
          display_name: input.displayName,
          roles: JSON.stringify([...new Set(input.roles)]),
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
        const link = await issueLink(trx, user.id, 'setup', INVITATION_LINK_MS);
        await deps.audit.append(trx, {
          ...who(requester),
          action: 'user.create',
          outcome: 'success',
          targetType: 'staff_user',
          targetId: user.id,
          details: { roles: input.roles.join(',') },
        });
        return { ok: true, value: { user: toView(user), link } };
      });
    },

    setRoles: (requester: Requester, userId: string, roles: Role[]) =>
      change(requester, userId, 'user.roles', async (trx, user) => {
        if (roles.length === 0) return { ok: false, reason: 'Choose at least one role.' };
        if (
          !roles.includes('admin') &&
          rolesOf(user).includes('admin') &&
          (await otherActiveAdmins(trx, userId)) === 0
        ) {
          return {
            ok: false,
            reason: 'This is the last administrator; make someone else an administrator first.',
          };
        }
        await repo.updateUser(trx, userId, {
          roles: JSON.stringify([...new Set(roles)]),
          updated_at: now().toISOString(),
        });
        return { ok: true, value: null };
      }),

    disable: (requester: Requester, userId: string) =>
      change(requester, userId, 'user.disable', async (trx, user) => {
        if (!('kind' in requester) && requester.userId === userId) {
          return { ok: false, reason: 'You cannot disable your own account.' };
        }
        if (rolesOf(user).includes('admin') && (await otherActiveAdmins(trx, userId)) === 0) {
          return { ok: false, reason: 'This is the last administrator; it cannot be disabled.' };
        }
        const at = now().toISOString();
        await repo.updateUser(trx, userId, { disabled_at: at, updated_at: at });
        await repo.revokeSessions(trx, userId, at);
        return { ok: true, value: null };
      }),

    enable: (requester: Requester, userId: string) =>
      change(requester, userId, 'user.enable', async (trx) => {
        await repo.updateUser(trx, userId, { disabled_at: null, updated_at: now().toISOString() });
        return { ok: true, value: null };
      }),

    /** Ends every session of one person and forgets their remembered devices (an administrator's action). */
    endSessions: (requester: Requester, userId: string) =>
      change(requester, userId, 'user.end_sessions', async (trx) => {
        const at = now().toISOString();
        await repo.revokeSessions(trx, userId, at);
        await repo.forgetDevices(trx, userId, at);
        return { ok: true, value: null };
      }),

    /** Removes the authenticator and recovery codes, ends every session, and returns a new setup link. */
    resetMfa: (requester: Requester, userId: string) =>
      change(requester, userId, 'user.reset_mfa', async (trx) => {
        const at = now().toISOString();
        await repo.updateUser(trx, userId, {
          totp_secret: null,
          totp_last_step: null,
          mfa_enrolled_at: null,
          updated_at: at,
        });
        await repo.replaceRecoveryCodes(trx, userId, []);
        await repo.revokeSessions(trx, userId, at);
        return { ok: true, value: await issueLink(trx, userId, 'setup', INVITATION_LINK_MS) };
      }),
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
