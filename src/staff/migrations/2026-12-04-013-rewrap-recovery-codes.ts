import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { isPostgres } from '../../platform/database/migrations/helpers.js';

/**
 * ASVS 6.5.2 (issue 12, decision 013): recovery codes made before 2026-12-04 have 12 characters (about 59
 * bits) and were stored as an unsalted SHA-256, which anyone holding a copy of the database or a backup
 * could brute-force. Each stored hash is wrapped in a salted slow hash, argon2id(sha256 hex), so the codes
 * keep working (sign-in verifies argon2id(sha256(code))) and no bare SHA-256 of them is left.
 *
 * Every bare hash present when this runs is wrapped: the rows cannot tell a 12-character code from a
 * 24-character one, and an installation reaches this migration before it can have made 24-character codes
 * (both arrive in the same release). Two processes starting together are serialised by the migrator's lock.
 * It uses @node-rs/argon2 directly: migrations are frozen in time and import nothing of the application.
 */

/** OWASP Password Storage Cheat Sheet minimum, as for passwords: argon2id, 19 MiB, 2 iterations, 1 lane. */
// algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const WRAPPED_PREFIX = '$argon2id$';

/** Wraps every bare hash still in the table; returns how many. Running it again changes nothing. */
export async function wrapBareRecoveryCodes(db: Kysely<any>): Promise<number> {
  const rows: { id: string; code_hash: string }[] = await db
    .selectFrom('staff_recovery_codes')
    .select(['id', 'code_hash'])
    .where('code_hash', 'not like', `${WRAPPED_PREFIX}%`)
    .execute();
  for (const row of rows) {
    await db
      .updateTable('staff_recovery_codes')
      .set({ code_hash: await hash(row.code_hash, ARGON2) })
      .where('id', '=', row.id)
      .where('code_hash', '=', row.code_hash)
      .execute();
  }
  return rows.length;
}

export async function up(db: Kysely<any>): Promise<void> {
  // An argon2id string is about 97 characters; SQLite does not enforce varchar lengths.
  if (isPostgres(db)) {
    await db.schema
      .alterTable('staff_recovery_codes')
      .alterColumn('code_hash', (col) => col.setDataType('varchar(128)'))
      .execute();
  }
  await wrapBareRecoveryCodes(db);
}

/** A slow hash cannot be unwrapped, and the wider column does no harm: there is nothing to undo. */
export async function down(_db: Kysely<any>): Promise<void> {}
