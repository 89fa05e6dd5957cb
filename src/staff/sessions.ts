import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../platform/database/schema.js';
import { hashToken } from './mfa/totp.js';
import { type Actor, isRole, permissionsOf, type Role } from './permissions.js';
import type { AuditTrail, Origin } from './ports.js';
import { staffRepository as repo, type StaffSessionRow, type StaffUserRow } from './repository.js';

/**
 * Server-side staff sessions (decision 013): a 128-bit random token in the cookie, only its hash in the
 * database; an idle timeout (automatic logoff) and an absolute one; revocable one by one or all at once.
 */

export interface SessionSettings {
  idleMs: number;
  maxMs: number;
  /** Sessions one person may have at once; a new one ends the oldest beyond it (ASVS 7.1.2). */
  maxConcurrent: number;
}

export interface SignedIn {
  session: StaffSessionRow;
  user: StaffUserRow;
  actor: Actor;
  /** When the session ends if nothing more happens: the idle limit or the absolute one, whichever first. */
  endsAt: Date;
}

/** Re-authentication (password and code) stays fresh this long for changing password or MFA. */
export const REAUTH_MS = 5 * 60_000;

/** last_seen_at is written at most this often, so every page view is not a database write. */
const TOUCH_MS = 30_000;

export function rolesOf(user: Pick<StaffUserRow, 'roles'>): Role[] {
  const parsed: unknown = JSON.parse(user.roles);
  return Array.isArray(parsed)
    ? parsed.filter((role): role is Role => typeof role === 'string' && isRole(role))
    : [];
}

export function actorFor(user: StaffUserRow, origin: Origin): Actor {
  const roles = rolesOf(user);
  return {
    userId: user.id,
    roles,
    permissions: permissionsOf(roles),
    ip: origin.ip,
    requestId: origin.requestId,
  };
}

export function createSessions(deps: {
  db: Kysely<Database>;
  audit: AuditTrail;
  now: () => Date;
  settings: SessionSettings;
}) {
  const { db, now, settings } = deps;

  const endsAt = (session: StaffSessionRow): Date =>
    new Date(Math.min(Date.parse(session.expires_at), Date.parse(session.last_seen_at) + settings.idleMs));

  return {
    settings,

    /** Starts a session inside the sign-in's transaction; returns the token for the cookie. */
    async start(trx: Transaction<Database>, user: StaffUserRow, origin: Origin): Promise<string> {
      const token = randomBytes(16).toString('base64url');
      const at = now();
      await repo.insertSession(trx, {
        id: uuidv7(),
        token_hash: hashToken(token),
        user_id: user.id,
        csrf_token: randomBytes(24).toString('base64url'),
        created_at: at.toISOString(),
        last_seen_at: at.toISOString(),
        expires_at: new Date(at.getTime() + settings.maxMs).toISOString(),
        // Signing in is itself a fresh authentication.
        reauthenticated_at: at.toISOString(),
        ip: origin.ip,
        user_agent: origin.userAgent?.slice(0, 200) ?? null,
        revoked_at: null,
      });
      const live = await repo.activeSessionsNewestFirst(trx, user.id, at.toISOString());
      for (const old of live.slice(settings.maxConcurrent)) {
        await repo.updateSession(trx, old.id, { revoked_at: at.toISOString() });
        await deps.audit.append(trx, {
          actorId: user.id,
          actorKind: 'staff',
          action: 'auth.session.limit',
          outcome: 'success',
          targetType: 'staff_session',
          targetId: old.id,
          ip: origin.ip,
          requestId: origin.requestId,
          details: { max_concurrent: settings.maxConcurrent },
        });
      }
      return token;
    },

    /** The session a cookie names, if it is live and its user enabled; touching it keeps it alive. */
    async resolve(token: string, origin: Origin): Promise<SignedIn | null> {
      if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return null;
      const session = await repo.sessionByTokenHash(db, hashToken(token));
      if (!session || session.revoked_at !== null) return null;
      const at = now();
      if (endsAt(session).getTime() <= at.getTime()) return null;
      const user = await repo.userById(db, session.user_id);
      if (!user || user.disabled_at !== null || user.mfa_enrolled_at === null) return null;
      if (at.getTime() - Date.parse(session.last_seen_at) >= TOUCH_MS) {
        session.last_seen_at = at.toISOString();
        await repo.updateSession(db, session.id, { last_seen_at: session.last_seen_at });
      }
      return { session, user, actor: actorFor(user, origin), endsAt: endsAt(session) };
    },

    isFreshlyAuthenticated(session: StaffSessionRow): boolean {
      return (
        session.reauthenticated_at !== null &&
        now().getTime() - Date.parse(session.reauthenticated_at) < REAUTH_MS
      );
    },

    async markReauthenticated(session: StaffSessionRow): Promise<void> {
      await repo.updateSession(db, session.id, { reauthenticated_at: now().toISOString() });
    },

    list: (userId: string) => repo.activeSessions(db, userId, now().toISOString()),

    /** Ends one of the actor's own sessions. */
    async end(actor: Actor, sessionId: string, reason: 'sign_out' | 'revoked'): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const sessions = await repo.activeSessions(trx, actor.userId, now().toISOString());
        if (!sessions.some((session) => session.id === sessionId)) return false;
        await repo.updateSession(trx, sessionId, { revoked_at: now().toISOString() });
        await deps.audit.append(trx, {
          actorId: actor.userId,
          actorKind: 'staff',
          action: reason === 'sign_out' ? 'auth.sign_out' : 'auth.session.revoke',
          outcome: 'success',
          targetType: 'staff_session',
          targetId: sessionId,
          ip: actor.ip,
          requestId: actor.requestId,
        });
        return true;
      });
    },

    /** "Sign out everywhere": every session of the actor's, or every one but the current. */
    async endAll(actor: Actor, exceptSessionId?: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const ended = await repo.revokeSessions(trx, actor.userId, now().toISOString(), exceptSessionId);
        await deps.audit.append(trx, {
          actorId: actor.userId,
          actorKind: 'staff',
          action: 'auth.session.revoke_all',
          outcome: 'success',
          targetType: 'staff_user',
          targetId: actor.userId,
          ip: actor.ip,
          requestId: actor.requestId,
          details: { ended, kept_current: exceptSessionId !== undefined },
        });
        return ended;
      });
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
