import type { Migration } from 'kysely/migration';
import * as appointmentRequests from './2026-11-25-006-appointment-requests.js';

/** The intake feature's migrations; names are global and sort into one history (decision 022). */
export const intakeMigrations: Record<string, Migration> = {
  '2026-11-25-006-appointment-requests': appointmentRequests,
};
