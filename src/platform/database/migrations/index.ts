import type { Migration } from 'kysely/migration';
import * as appState from './2026-11-25-001-app-state.js';
import * as audit from './2026-11-25-003-audit.js';
import * as outbox from './2026-11-25-005-outbox.js';

/**
 * The platform's own migrations. Each feature lists its own in `src/<feature>/migrations/index.ts`, and
 * src/database.ts merges them into the one history every installation runs (decision 022).
 */
export const platformMigrations: Record<string, Migration> = {
  '2026-11-25-001-app-state': appState,
  '2026-11-25-003-audit': audit,
  '2026-11-25-005-outbox': outbox,
};
