import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../platform/audit/index.js';
import type { Database } from '../platform/database/schema.js';
import { type InvitationRow, screeningRepository as repo } from './repository.js';
import { hashToken, VERIFY_ATTEMPTS } from './service.js';

/**
 * A screening link belongs to the first browser that opens it (decision 017): a secret cookie, stored only
 * as a hash. Anyone can get a genuine link by sending the public form; bound to their own browser, it is no
 * use to hand to someone else, whose browser must first give the date of birth of the request (which the
 * one who sent it knows, and a stranger does not), with a few tries per link, each audited.
 */

export type Verification =
  | { ok: true; device: string }
  | { ok: false; reason: 'wrong' | 'locked' | 'no_dob'; attemptsLeft: number };

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function createLinkBinding(deps: { db: Kysely<Database>; audit: AuditLog }) {
  const { db, audit } = deps;
  const newDevice = () => randomBytes(32).toString('base64url');
  const who = (invitation: InvitationRow, ip: string | null) => ({
    actorKind: 'anonymous' as const,
    ip,
    targetType: 'appointment_request',
    targetId: invitation.request_id,
  });

  return {
    newDevice,

    isBoundTo: (invitation: InvitationRow, device: string | undefined) =>
      invitation.device_hash !== null &&
      device !== undefined &&
      same(invitation.device_hash, hashToken(device)),

    /** Binds a link no browser holds yet to this one; null when another browser was first. */
    async bindFirst(invitation: InvitationRow, ip: string | null): Promise<string | null> {
      const device = newDevice();
      const bound = await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('screening_invitations')
          .set({ device_hash: hashToken(device) })
          .where('id', '=', invitation.id)
          .where('device_hash', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await audit.append(trx, {
          ...who(invitation, ip),
          action: 'screening.link_bind',
          outcome: 'success',
          details: { invitation: invitation.id },
        });
        return true;
      });
      return bound ? device : null;
    },

    /**
     * Another browser answers the date of birth of the request: right, the link moves to it (the first
     * browser must answer it in turn); wrong, one of VERIFY_ATTEMPTS tries is spent.
     */
    async verify(
      invitation: InvitationRow,
      given: string,
      dob: string | null,
      ip: string | null,
    ): Promise<Verification> {
      return db.transaction().execute(async (trx) => {
        const current = await repo.invitationByTokenHash(trx, invitation.token_hash);
        const failures = Number(current?.verify_failures ?? VERIFY_ATTEMPTS);
        const refuse = async (
          reason: 'wrong' | 'locked' | 'no_dob',
          count: number,
        ): Promise<Verification> => {
          await audit.append(trx, {
            ...who(invitation, ip),
            action: 'screening.link_verify',
            outcome: 'failure',
            details: { invitation: invitation.id, reason, failures: count },
          });
          return { ok: false, reason, attemptsLeft: Math.max(0, VERIFY_ATTEMPTS - count) };
        };
        if (failures >= VERIFY_ATTEMPTS) return refuse('locked', failures);
        if (dob === null) return refuse('no_dob', failures);
        if (!same(given, dob)) {
          const count = await repo.countVerifyFailure(trx, invitation.id);
          return refuse(count >= VERIFY_ATTEMPTS ? 'locked' : 'wrong', count);
        }
        const device = newDevice();
        await repo.bindDevice(trx, invitation.id, hashToken(device));
        await audit.append(trx, {
          ...who(invitation, ip),
          action: 'screening.link_verify',
          outcome: 'success',
          details: { invitation: invitation.id },
        });
        return { ok: true, device };
      });
    },
  };
}

export type LinkBinding = ReturnType<typeof createLinkBinding>;
