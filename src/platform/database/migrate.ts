import type { Kysely } from 'kysely';
import { type Migration, type MigrationResultSet, Migrator } from 'kysely/migration';

export interface MigrationReport {
  applied: string[];
}

/** A migration history: every name once, run in the order the names sort (Kysely's rule). */
export type Migrations = Readonly<Record<string, Migration>>;

/**
 * Merges the platform's and the features' migrations into one history (decision 022). Names are global:
 * the same name twice would make one migration silently replace the other, so it is refused.
 */
export function mergeMigrations(...parts: Migrations[]): Migrations {
  const merged: Record<string, Migration> = {};
  for (const part of parts) {
    for (const [name, migration] of Object.entries(part)) {
      if (name in merged) throw new Error(`Two migrations are named ${name}; each name must be unique.`);
      merged[name] = migration;
    }
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Brings the database up to the newest migration; throws with the failing migration's name. */
export async function runMigrations(db: Kysely<any>, migrations: Migrations): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error) {
    const name = failed ? ` "${failed.migrationName}"` : '';
    throw new Error(`Migration${name} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
