import type { Migration } from 'kysely/migration';
import * as screening from './2026-11-25-007-screening.js';
import * as screeningLeaks from './2026-12-04-009-screening-leaks.js';

/**
 * The screening feature's migrations; names are global and sort into one history (decision 022).
 * 2026-11-25-007 also added the urgent safety review's columns to intake's `appointment_requests`; it ran
 * in real databases before features owned their data, so it stays as it was (the architecture test allows
 * exactly that). Those columns are intake's now, reached through intake's review-flag port.
 */
export const screeningMigrations: Record<string, Migration> = {
  '2026-11-25-007-screening': screening,
  '2026-12-04-009-screening-leaks': screeningLeaks,
};
