import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { FormTokens } from '../../platform/http/form-tokens.js';
import type { SiteContext } from '../../web/site-context.js';
import type { AccountSettings } from '../account-settings.js';
import type { Accounts } from '../accounts.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../http/access.js';
import type { AuditTrail } from '../ports.js';
import type { Sessions } from '../sessions.js';
import type { Setup } from '../setup.js';
import type { SignIn } from '../sign-in.js';
import { renderStaffPage } from '../views/layout.js';

/** What the staff routes are built from; the composition root makes each once. */
export interface StaffRouteDeps {
  site: SiteContext;
  sessions: Sessions;
  signIn: SignIn;
  setup: Setup;
  accounts: Accounts;
  accountSettings: AccountSettings;
  formTokens: FormTokens;
  audit: AuditTrail;
  idleMinutes: number;
  /** System problems for the banner on every staff page. */
  notices: () => readonly string[];
}

export const SIGN_IN_COOKIE = '__Host-haven_sign_in';
export const SETUP_COOKIE = '__Host-haven_setup';

export function sendStaffPage(
  deps: StaffRouteDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  meta: { title: string; path: string; status?: number },
  body: ComponentChildren,
): FastifyReply {
  const html = renderStaffPage(
    { site: deps.site, signedIn: request.staff, idleMinutes: deps.idleMinutes, notices: deps.notices() },
    meta,
    body,
  );
  return reply
    .code(meta.status ?? 200)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions);
}

export function clearCookie(reply: FastifyReply, name: string): void {
  reply.clearCookie(name, sessionCookieOptions);
}

export function minutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}
