import type { Kysely } from 'kysely';

/**
 * Screening links bound to a browser (decision 017): the hash of the secret cookie of the browser a link is
 * bound to, and how many wrong answers to the date-of-birth question other browsers gave (throttling).
 * Which questionnaires a person answered moves into the sealed answers (one row per invitation); the
 * rows already stored are resealed by the application at start (src/screening/legacy-responses.ts), since
 * a migration holds no key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('screening_invitations').addColumn('device_hash', 'varchar(64)').execute();
  await db.schema
    .alterTable('screening_invitations')
    .addColumn('verify_failures', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('screening_invitations').dropColumn('verify_failures').execute();
  await db.schema.alterTable('screening_invitations').dropColumn('device_hash').execute();
}
