import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formBody, formText, NoQuery, singleText } from '../../platform/http/route-input.js';
import type { FieldError } from '../../web/components/form.js';
import { isSecureEnough, originOf, sessionCookieOptions } from '../http/access.js';
import { staffMessages as m } from '../messages.js';
import { PASSWORD_MESSAGES, type PasswordProblem } from '../passwords/passwords.js';
import type { SetupLink } from '../setup.js';
import { AuthenticatorEnrolment, LinkProblem, RecoveryCodes, SetupPasswordForm } from '../views/setup.js';
import {
  clearCookie,
  SETUP_COOKIE,
  type StaffRouteDeps,
  sendStaffPage,
  setSessionCookie,
} from './context.js';

/** `?token=` opens a setup link, which leaves the address bar for a cookie at once. */
const SetupQuery = z.object({ token: singleText });
const PasswordBody = formBody({
  email: formText,
  displayName: formText,
  password: formText,
  confirm: formText,
});
const CodeBody = formBody({ code: formText });

const PASSWORD_FORM = 'staff-setup-password';
const AUTHENTICATOR_FORM = 'staff-setup-authenticator';

/**
 * The one-time setup link. Its token arrives once in the query string (never logged: request logs carry
 * no query), is moved into a cookie, and the address bar is cleaned with a redirect.
 */
export async function setupRoutes(plainApp: FastifyInstance, deps: StaffRouteDeps): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const title = 'Set up your account';
  const linkOf = (request: FastifyRequest): Promise<SetupLink> => {
    const token = request.cookies[SETUP_COOKIE];
    return token ? deps.setup.open(token) : Promise.resolve({ ok: false, reason: 'unknown' });
  };
  const problem = (
    request: FastifyRequest,
    reply: Parameters<typeof sendStaffPage>[2],
    reason: 'unknown' | 'expired' | 'used' | 'missing',
  ) =>
    sendStaffPage(
      deps,
      request,
      reply,
      { title: 'Setup link problem', path: '/staff/setup', status: reason === 'missing' ? 400 : 410 },
      <LinkProblem reason={reason} />,
    );
  const secureOnly = (request: FastifyRequest) => (isSecureEnough(request) ? null : m.plainHttp);

  app.get(
    '/staff/setup',
    { config: { access: 'public' }, schema: { querystring: SetupQuery } },
    async (request, reply) => {
      const query = request.query;
      if (typeof query.token === 'string') {
        const link = await deps.setup.open(query.token);
        if (!link.ok) return problem(request, reply, link.reason);
        reply.setCookie(SETUP_COOKIE, query.token, {
          ...sessionCookieOptions,
          maxAge: Math.max(1, Math.floor((Date.parse(link.token.expires_at) - Date.now()) / 1000)),
        });
        return reply.redirect('/staff/setup', 303);
      }
      if (!request.cookies[SETUP_COOKIE]) return problem(request, reply, 'missing');
      const link = await linkOf(request);
      if (!link.ok) return problem(request, reply, link.reason);
      if (link.user?.password_hash && link.user.totp_secret && link.user.mfa_enrolled_at === null) {
        return reply.redirect('/staff/setup/authenticator', 303);
      }
      const insecure = secureOnly(request);
      return sendStaffPage(
        deps,
        request,
        reply,
        { title, path: '/staff/setup' },
        <SetupPasswordForm
          firstAdmin={link.user === null}
          email={link.user?.email ?? ''}
          displayName={link.user?.display_name ?? ''}
          errors={insecure ? [{ field: 'password', message: insecure }] : []}
          formToken={deps.formTokens.issue(PASSWORD_FORM)}
        />,
      );
    },
  );

  app.post(
    '/staff/setup/password',
    {
      config: { access: 'public', csrf: { form: PASSWORD_FORM } },
      schema: { querystring: NoQuery, body: PasswordBody },
    },
    async (request, reply) => {
      const link = await linkOf(request);
      if (!link.ok) return problem(request, reply, link.reason);
      const input = {
        email: request.body.email,
        displayName: request.body.displayName,
        password: request.body.password,
        confirm: request.body.confirm,
      };
      const insecure = secureOnly(request);
      const result = insecure
        ? ({ ok: false, field: 'password', problem: insecure } as const)
        : await deps.setup.choosePassword(link, input, originOf(request));
      if (result.ok) return reply.redirect('/staff/setup/authenticator', 303);
      const message =
        result.problem in PASSWORD_MESSAGES
          ? PASSWORD_MESSAGES[result.problem as PasswordProblem]
          : result.problem;
      const errors: FieldError[] = [{ field: result.field, message }];
      return sendStaffPage(
        deps,
        request,
        reply,
        { title, path: '/staff/setup', status: 400 },
        <SetupPasswordForm
          firstAdmin={link.user === null}
          email={link.user?.email ?? input.email}
          displayName={link.user?.display_name ?? input.displayName}
          errors={errors}
          formToken={deps.formTokens.issue(PASSWORD_FORM)}
        />,
      );
    },
  );

  const authenticatorPage = async (
    request: FastifyRequest,
    reply: Parameters<typeof sendStaffPage>[2],
    error?: string,
  ) => {
    const link = await linkOf(request);
    if (!link.ok) return problem(request, reply, link.reason);
    const enrolment = link.user ? deps.setup.authenticator(link.user, deps.site.clinic.name) : null;
    if (!enrolment) return reply.redirect('/staff/setup', 303);
    return sendStaffPage(
      deps,
      request,
      reply,
      {
        title: 'Set up your authenticator app',
        path: '/staff/setup/authenticator',
        status: error ? 400 : 200,
      },
      <AuthenticatorEnrolment
        enrolment={enrolment}
        error={error}
        action="/staff/setup/authenticator"
        hidden={{ _csrf: deps.formTokens.issue(AUTHENTICATOR_FORM) }}
        title="Set up your authenticator app"
        intro="Step 2 of 2: connect an authenticator app to your account. You will type a code from it each time you sign in."
      />,
    );
  };

  app.get(
    '/staff/setup/authenticator',
    { config: { access: 'public' }, schema: { querystring: NoQuery } },
    (request, reply) => authenticatorPage(request, reply),
  );

  app.post(
    '/staff/setup/authenticator',
    {
      config: { access: 'public', csrf: { form: AUTHENTICATOR_FORM } },
      schema: { querystring: NoQuery, body: CodeBody },
    },
    async (request, reply) => {
      const token = request.cookies[SETUP_COOKIE];
      if (!token) return problem(request, reply, 'missing');
      if (!isSecureEnough(request)) return authenticatorPage(request, reply, m.plainHttp);
      const result = await deps.setup.confirm(token, request.body.code, originOf(request));
      if (!result.ok) {
        if (result.reason === 'expired') return problem(request, reply, 'expired');
        return authenticatorPage(
          request,
          reply,
          'That code is not right. Type the six digits the app shows now.',
        );
      }
      clearCookie(reply, SETUP_COOKIE);
      setSessionCookie(reply, result.sessionToken);
      return sendStaffPage(
        deps,
        request,
        reply,
        { title: 'Save your recovery codes', path: '/staff/setup/authenticator' },
        <RecoveryCodes codes={result.recoveryCodes} next="/staff" />,
      );
    },
  );
}
