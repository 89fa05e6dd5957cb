import type { Migration } from 'kysely/migration';
import * as appState from './2026-11-25-001-app-state.js';
import * as content from './2026-11-25-002-content.js';
import * as audit from './2026-11-25-003-audit.js';
import * as staff from './2026-11-25-004-staff.js';
import * as outbox from './2026-11-25-005-outbox.js';
import * as appointmentRequests from './2026-11-25-006-appointment-requests.js';
import * as screening from './2026-11-25-007-screening.js';
import * as signInHardening from './2026-12-04-008-sign-in-hardening.js';
import * as screeningLeaks from './2026-12-04-009-screening-leaks.js';
import * as rewrapRecoveryCodes from './2026-12-04-013-rewrap-recovery-codes.js';

/**
 * Every migration, in order, listed by hand rather than found on disk, so what runs never depends on which
 * files happen to sit in a folder. One history serves SQLite and PostgreSQL alike.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25-001-app-state': appState,
  '2026-11-25-002-content': content,
  '2026-11-25-003-audit': audit,
  '2026-11-25-004-staff': staff,
  '2026-11-25-005-outbox': outbox,
  '2026-11-25-006-appointment-requests': appointmentRequests,
  '2026-11-25-007-screening': screening,
  '2026-12-04-008-sign-in-hardening': signInHardening,
  '2026-12-04-009-screening-leaks': screeningLeaks,
  '2026-12-04-013-rewrap-recovery-codes': rewrapRecoveryCodes,
};
