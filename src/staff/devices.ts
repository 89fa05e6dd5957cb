import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../platform/database/schema.js';
import { hashToken } from './mfa/totp.js';
import { accountKey } from './throttle.js';

/**
 * Devices that have signed in to an account before (decision 013). After a full sign-in the browser gets a
 * long-lived random cookie (`__Host-haven_device`, HttpOnly, Secure, only its hash stored), bound to that
 * account. It grants nothing by itself: it only lets that account's person past the account-wide sign-in
 * lock, which strangers can trip from anywhere. Ending a person's sessions everywhere forgets their devices.
 */

export const DEVICE_COOKIE = '__Host-haven_device';
export const DEVICE_MS = 90 * 24 * 60 * 60_000;

export function createDevices(deps: { db: Kysely<Database>; now: () => Date }) {
  const { db, now } = deps;
  return {
    /** Remembers this browser for `userId` inside the sign-in's transaction; returns the cookie value. */
    async remember(trx: Transaction<Database>, userId: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      await trx
        .insertInto('staff_devices')
        .values({
          id: uuidv7(),
          user_id: userId,
          token_hash: hashToken(token),
          created_at: at.toISOString(),
          last_used_at: at.toISOString(),
          expires_at: new Date(at.getTime() + DEVICE_MS).toISOString(),
          revoked_at: null,
        })
        .execute();
      return token;
    },

    /** The throttle key of the account a device cookie is bound to, if the device is still remembered. */
    async accountKeyOf(token: string | undefined): Promise<string | null> {
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const row = await db
        .selectFrom('staff_devices')
        .innerJoin('staff_users', 'staff_users.id', 'staff_devices.user_id')
        .select(['staff_users.email', 'staff_devices.expires_at'])
        .where('staff_devices.token_hash', '=', hashToken(token))
        .where('staff_devices.revoked_at', 'is', null)
        .where('staff_users.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row || Date.parse(row.expires_at) <= now().getTime()) return null;
      return accountKey(row.email);
    },

    /** Forgets every device of a person's (their sessions were ended everywhere). */
    async forgetAll(trx: Transaction<Database>, userId: string): Promise<number> {
      const result = await trx
        .updateTable('staff_devices')
        .set({ revoked_at: now().toISOString() })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type Devices = ReturnType<typeof createDevices>;
