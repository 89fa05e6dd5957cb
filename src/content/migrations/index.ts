import type { Migration } from 'kysely/migration';
import * as content from './2026-11-25-002-content.js';

/** The content feature's migrations; names are global and sort into one history (decision 022). */
export const contentMigrations: Record<string, Migration> = {
  '2026-11-25-002-content': content,
};
