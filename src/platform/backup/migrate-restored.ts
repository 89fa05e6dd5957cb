import { type Kysely, sql } from 'kysely';
import { type Migrations, runMigrations } from '../database/migrate.js';
import type { Database } from '../database/schema.js';

/**
 * Brings a restored database up to this Haven's schema (a backup from an older Haven restores into a newer
 * one). A backup from a newer Haven names migrations this one does not know; that is said plainly.
 */
export async function migrateRestored(
  db: Kysely<Database>,
  whatHappened: string,
  migrations: Migrations,
): Promise<{ ok: true; applied: string[] } | { ok: false; reason: string }> {
  const known = new Set(Object.keys(migrations));
  const done = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows;
  const unknown = done.map((row) => row.name).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      reason: `${whatHappened}: the backup was written by a newer Haven (it has migration ${unknown.join(', ')}, which this version does not know). Run that version of Haven, or a newer one, on this database.`,
    };
  }
  return { ok: true, applied: (await runMigrations(db, migrations)).applied };
}
