import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../platform/config/config.js';
import type { Database } from '../platform/database/schema.js';
import type { FormTokens } from '../platform/http/form-tokens.js';
import type { SiteContext } from '../web/site-context.js';
import { createAccountSettings } from './account-settings.js';
import { type Accounts, createAccounts } from './accounts.js';
import { createDevices } from './devices.js';
import { createSignInHousekeeping, type SignInHousekeeping } from './housekeeping.js';
import type { AuditTrail, Sealer } from './ports.js';
import { accountRoutes } from './routes/account.js';
import type { StaffRouteDeps } from './routes/context.js';
import { overviewRoutes } from './routes/overview.js';
import { setupRoutes } from './routes/setup.js';
import { signInRoutes } from './routes/sign-in.js';
import { usersRoutes } from './routes/users.js';
import { createSessions, type Sessions } from './sessions.js';
import { createSetup } from './setup.js';
import { createSignIn } from './sign-in.js';
import { createThrottle } from './throttle.js';
import type { RequestWorkSource } from './work.js';

export type { Accounts, Requester, StaffUserView } from './accounts.js';
export { NewStaffUser } from './accounts.js';
/** Staff accounts, sign-in with MFA, sessions and the staff area's pages (decision 013). */
export {
  type SignInHousekeeping,
  type SweepResult,
  signInHousekeepingJob,
} from './housekeeping.js';
export { type Access, type RouteRule, staffAccessPlugin } from './http/access.js';
export {
  type Actor,
  ForbiddenError,
  PERMISSIONS,
  type Permission,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  requirePermission,
} from './permissions.js';
export type { Sessions, SignedIn } from './sessions.js';
export {
  createSystemNotices,
  MAIL_FAILING,
  MAIL_NOT_CONFIGURED,
  type NoticeCheck,
  type SystemNotices,
} from './system-notices.js';
export { renderStaffErrorPage } from './views/error.js';
export { renderStaffPage, type StaffPage } from './views/layout.js';
export type { RequestWork, RequestWorkSource } from './work.js';

export interface StaffDeps {
  db: Kysely<Database>;
  config: Config;
  site: SiteContext;
  sealer: Sealer;
  audit: AuditTrail;
  formTokens: FormTokens;
  now: () => Date;
  notices: () => readonly string[];
  /** What needs doing in the request inbox, for the staff home (from the intake feature, via app.ts). */
  requestWork?: RequestWorkSource;
}

export interface Staff {
  accounts: Accounts;
  sessions: Sessions;
  /** Deletes expired sign-in challenges and stale throttle counters; server.ts runs it on a timer. */
  housekeeping: SignInHousekeeping;
  routes: (app: FastifyInstance) => Promise<void>;
}

export function createStaff(deps: StaffDeps): Staff {
  const { db, audit, now, sealer } = deps;
  const clinicName = deps.config.clinic.name;
  const settings = {
    idleMs: deps.config.staffSessions.idleMinutes * 60_000,
    maxMs: deps.config.staffSessions.maxHours * 60 * 60_000,
    maxConcurrent: deps.config.staffSessions.maxConcurrent,
  };
  const sessions = createSessions({ db, audit, now, settings });
  const throttle = createThrottle({ db, now });
  const devices = createDevices({ db, now });
  const accounts = createAccounts({ db, audit, now, publicUrl: deps.config.publicUrl });
  const routeDeps: StaffRouteDeps & { db: Kysely<Database> } = {
    db,
    site: deps.site,
    sessions,
    accounts,
    signIn: createSignIn({ db, audit, sealer, sessions, throttle, devices, now }),
    setup: createSetup({ db, audit, sealer, sessions, now, clinicName }),
    accountSettings: createAccountSettings({ db, audit, sealer, sessions, throttle, now, clinicName }),
    formTokens: deps.formTokens,
    audit,
    idleMinutes: deps.config.staffSessions.idleMinutes,
    notices: deps.notices,
  };
  return {
    accounts,
    sessions,
    housekeeping: createSignInHousekeeping({ db, throttle, now }),
    routes: async (app) => {
      await app.register(signInRoutes, routeDeps);
      await app.register(setupRoutes, routeDeps);
      await app.register(accountRoutes, routeDeps);
      await app.register(usersRoutes, routeDeps);
      await app.register(overviewRoutes, { ...routeDeps, now, requestWork: deps.requestWork });
    },
  };
}
export { staffMigrations } from './migrations/index.js';
export { STAFF_ENCRYPTED_COLUMNS, type StaffTables } from './tables.js';
