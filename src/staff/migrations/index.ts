import type { Migration } from 'kysely/migration';
import * as staff from './2026-11-25-004-staff.js';
import * as signInHardening from './2026-12-04-008-sign-in-hardening.js';
import * as rewrapRecoveryCodes from './2026-12-04-013-rewrap-recovery-codes.js';

/** The staff feature's migrations; names are global and sort into one history (decision 022). */
export const staffMigrations: Record<string, Migration> = {
  '2026-11-25-004-staff': staff,
  '2026-12-04-008-sign-in-hardening': signInHardening,
  '2026-12-04-013-rewrap-recovery-codes': rewrapRecoveryCodes,
};
