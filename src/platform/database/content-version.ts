import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The content version: a number in app_state that moves whenever published content changes. Every Haven
 * process watches it, so page caches and search indexes in all of them follow an edit made by any one of
 * them, or by a CLI import, on the same database.
 */
export interface ContentVersion {
  /** The version as last read; cheap enough for every request. */
  current(): string;
  /** Reads the database now (a process job polls it, and this process calls it after changing content). */
  refresh(): Promise<string>;
  /**
   * Calls the listener each time a read finds the version moved, whether this process or another moved it
   * (search rebuilds its index then, rather than when someone next searches). Returns the way to stop.
   */
  onChange(listener: (version: string) => void): () => void;
  /** Forgets the listeners. */
  stop(): void;
}

const KEY = 'content_version';

export async function readContentVersion(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('app_state').select('value').where('key', '=', KEY).executeTakeFirst();
  return row?.value ?? '0';
}

/** Moves the version on; call it inside the transaction that changes content. */
export async function bumpContentVersion(db: Kysely<Database>, now: Date): Promise<void> {
  const next = String(Number(await readContentVersion(db)) + 1);
  await db
    .insertInto('app_state')
    .values({ key: KEY, value: next, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: next, updated_at: now.toISOString() }))
    .execute();
}

export async function watchContentVersion(
  db: Kysely<Database>,
  options: { onError(error: unknown): void },
): Promise<ContentVersion> {
  let version = await readContentVersion(db);
  const listeners = new Set<(version: string) => void>();
  const refresh = async () => {
    const read = await readContentVersion(db);
    const moved = read !== version;
    version = read;
    if (moved) {
      for (const listener of listeners) {
        try {
          listener(read);
        } catch (error) {
          options.onError(error);
        }
      }
    }
    return version;
  };
  return {
    current: () => version,
    refresh,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => listeners.clear(),
  };
}
