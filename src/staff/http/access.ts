import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { FormExpiredError, NoAccessError, SignInFirstError } from '../../platform/http/errors.js';
import type { FormTokens } from '../../platform/http/form-tokens.js';
import { isForeignRequest } from '../../platform/http/same-origin.js';
import { ForbiddenError, type Permission } from '../permissions.js';
import type { AuditTrail, Origin } from '../ports.js';
import type { Sessions, SignedIn } from '../sessions.js';

/**
 * Every route says who may use it (`config.access`), and this plugin enforces it before the handler runs:
 * - 'public': anyone;
 * - 'signed_in': any staff member with a live session;
 * - { permission }: a staff member whose roles grant that permission (src/staff/permissions.ts).
 * A route registered without a rule stops start-up, and the authorization test walks every route.
 * State-changing requests also pass the CSRF checks (decision 013): the browser's Origin and
 * Sec-Fetch-Site must be our own (src/platform/http/same-origin.ts), and the form must carry its token.
 */

export type Access = 'public' | 'signed_in' | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Which anti-forgery token a state-changing request must carry: the session's, or a signed form token. */
    csrf?: 'session' | { form: string } | 'none';
  }
  interface FastifyRequest {
    staff: SignedIn | null;
  }
}

/** A registered route as the tests walk it: its access rule, and the input schemas it declares (decision 023). */
export interface RouteRule {
  method: string;
  url: string;
  access: Access;
  schema?: FastifySchema;
}

export const SESSION_COOKIE = '__Host-haven_session';

/** Loopback only: a browser treats http://localhost as secure, so the __Host- cookie still works there. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const LOOPBACK_IPS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function isSecureEnough(request: FastifyRequest): boolean {
  return (
    request.protocol === 'https' || (LOOPBACK_IPS.has(request.ip) && LOOPBACK_HOSTS.has(request.hostname))
  );
}

export function originOf(request: FastifyRequest): Origin {
  return { ip: request.ip, requestId: String(request.id), userAgent: request.headers['user-agent'] ?? null };
}

export const sessionCookieOptions = {
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
} as const;

export interface AccessOptions {
  sessions: Sessions;
  formTokens: FormTokens;
  audit: AuditTrail;
  publicOrigin: string;
  /** Every route with its rule, filled as routes are registered: the authorization test reads it. */
  routes?: RouteRule[];
}

/** The anti-forgery token a form carries, read before the route's own schema runs. */
const FormToken = z.object({ _csrf: z.string() });

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function wantsHtml(request: FastifyRequest): boolean {
  return !request.url.startsWith('/api/') && request.method === 'GET';
}

async function access(app: FastifyInstance, options: AccessOptions): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('staff', null);

  // Rules are read once every plugin has registered its routes: a wrapper (app.ts) may fill in 'public'
  // for a whole group after this hook first sees a route.
  const seen: {
    method: string | string[];
    url: string;
    config?: { access?: Access };
    schema?: FastifySchema;
  }[] = [];
  app.addHook('onRoute', (route) => {
    seen.push(route as (typeof seen)[number]);
  });
  app.addHook('onReady', async () => {
    for (const route of seen) {
      const rule = route.config?.access;
      if (rule === undefined) {
        throw new Error(
          `Route ${String(route.method)} ${route.url} has no access rule (config.access): see src/staff/http/access.ts`,
        );
      }
      for (const method of [route.method].flat())
        options.routes?.push({ method, url: route.url, access: rule, schema: route.schema });
    }
  });

  const auditDenied = (request: FastifyRequest, staff: SignedIn, why: string) =>
    options.audit.record({
      actorId: staff.actor.userId,
      actorKind: 'staff',
      action: 'access.denied',
      outcome: 'denied',
      targetType: 'route',
      targetId: `${request.method} ${request.routeOptions.url}`,
      ip: request.ip,
      requestId: String(request.id),
      details: { why },
    });

  const deny = async (request: FastifyRequest, reply: FastifyReply, status: 401 | 403, why: string) => {
    if (status === 403 && request.staff) await auditDenied(request, request.staff, why);
    if (status === 401 && wantsHtml(request)) {
      return reply.header('cache-control', 'no-store').redirect('/staff/sign-in', 303);
    }
    throw status === 401 ? new SignInFirstError() : new NoAccessError();
  };

  // A service that refuses (the permission checked again below the route) throws ForbiddenError: the
  // error pages answer 403, and the refusal is audited like one at the route.
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof ForbiddenError && request.staff) {
      await auditDenied(request, request.staff, error.permission);
    }
  });

  const isStaffArea = (url: string) => url.startsWith('/staff') || url.startsWith('/api/staff');

  const guard = async (request: FastifyRequest, reply: FastifyReply, rule: Access | undefined) => {
    if (isStaffArea(request.url)) {
      // Staff pages hold personal information: never stored by any cache, never indexed.
      reply.header('cache-control', 'no-store');
      reply.header('x-robots-tag', 'noindex, nofollow');
      const token = request.cookies[SESSION_COOKIE];
      if (token) request.staff = await options.sessions.resolve(token, originOf(request));
    }
    if (rule === undefined || rule === 'public') return;
    if (!request.staff) return deny(request, reply, 401, 'not_signed_in');
    if (rule !== 'signed_in' && !request.staff.actor.permissions.has(rule.permission)) {
      return deny(request, reply, 403, rule.permission);
    }
  };

  // Callback hooks with a synchronous fast path: a public page outside the staff area (nearly every
  // request) costs two comparisons here, not a promise.
  app.addHook('onRequest', (request, reply, done) => {
    const rule = request.routeOptions.config.access;
    if ((rule === undefined || rule === 'public') && !isStaffArea(request.url)) return done();
    guard(request, reply, rule).then(() => {
      if (!reply.sent) done();
    }, done);
  });

  // preValidation: a forged request is refused before its body is checked against the route's schema,
  // which drops the token (decision 023).
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    try {
      checkForgery(request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });

  const checkForgery = (request: FastifyRequest) => {
    const rule = request.routeOptions.config.access;
    const csrf =
      request.routeOptions.config.csrf ?? (rule === 'public' || rule === undefined ? 'none' : 'session');
    if (csrf === 'none') return;
    // The platform's same-origin hook has refused these already; checked again so this plugin stands alone.
    const foreign = isForeignRequest(request, options.publicOrigin);
    const sent = FormToken.safeParse(request.body);
    const given = sent.success ? sent.data._csrf : request.headers['x-csrf-token'];
    const tokenOk =
      csrf === 'session'
        ? request.staff !== null &&
          typeof given === 'string' &&
          safeEqual(given, request.staff.session.csrf_token)
        : options.formTokens.verify(csrf.form, given);
    if (foreign || !tokenOk) {
      request.log.info({ reason: foreign ? 'foreign_origin' : 'bad_token' }, 'state change refused (CSRF)');
      throw new FormExpiredError();
    }
  };
}

export const staffAccessPlugin = fp(access, { name: 'haven-staff-access' });
