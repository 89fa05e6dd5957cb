import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ButtonBody, formBody, formText, NoQuery, singleText } from '../../platform/http/route-input.js';
import { DEVICE_COOKIE, DEVICE_MS } from '../devices.js';
import { isSecureEnough, originOf, SESSION_COOKIE, sessionCookieOptions } from '../http/access.js';
import { staffMessages as m } from '../messages.js';
import { CHALLENGE_MS } from '../sign-in.js';
import { CodeForm, SignInForm } from '../views/sign-in.js';
import {
  clearCookie,
  minutes,
  SIGN_IN_COOKIE,
  type StaffRouteDeps,
  sendStaffPage,
  setSessionCookie,
} from './context.js';

const SignInQuery = z.object({ 'signed-out': singleText });
const SignInBody = formBody({ email: formText, password: formText });
const CodeBody = formBody({ code: formText });

const SIGN_IN_FORM = 'staff-sign-in';
const CODE_FORM = 'staff-sign-in-code';

/** Sign in (password, then code), and sign out. */
export async function signInRoutes(plainApp: FastifyInstance, deps: StaffRouteDeps): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const page = { title: m.signIn, path: '/staff/sign-in' };

  app.get(
    '/staff/sign-in',
    { config: { access: 'public' }, schema: { querystring: SignInQuery } },
    (request, reply) => {
      if (request.staff) return reply.redirect('/staff', 303);
      const query = request.query;
      return sendStaffPage(
        deps,
        request,
        reply,
        page,
        <SignInForm
          formToken={deps.formTokens.issue(SIGN_IN_FORM)}
          insecure={!isSecureEnough(request)}
          notice={query['signed-out'] !== undefined ? m.signedOutNotice : undefined}
        />,
      );
    },
  );

  app.post(
    '/staff/sign-in',
    {
      config: { access: 'public', csrf: { form: SIGN_IN_FORM } },
      schema: { querystring: NoQuery, body: SignInBody },
    },
    async (request, reply) => {
      const email = request.body.email.trim();
      const again = (status: number, error?: string) =>
        sendStaffPage(
          deps,
          request,
          reply,
          { ...page, status },
          <SignInForm
            email={email}
            error={error}
            formToken={deps.formTokens.issue(SIGN_IN_FORM)}
            insecure={!isSecureEnough(request)}
          />,
        );
      if (!isSecureEnough(request)) return again(403);
      const result = await deps.signIn.passwordStep(
        email,
        request.body.password,
        originOf(request),
        request.cookies[DEVICE_COOKIE],
      );
      if (result.ok) {
        reply.setCookie(SIGN_IN_COOKIE, result.challenge, {
          ...sessionCookieOptions,
          maxAge: CHALLENGE_MS / 1000,
        });
        return reply.redirect('/staff/sign-in/code', 303);
      }
      if (result.reason === 'throttled') {
        reply.header('retry-after', String(Math.ceil(result.waitMs / 1000)));
        return again(429, m.throttled(minutes(result.waitMs)));
      }
      return again(401, m.needsSetup);
    },
  );

  app.get(
    '/staff/sign-in/code',
    { config: { access: 'public' }, schema: { querystring: NoQuery } },
    (request, reply) => {
      if (!request.cookies[SIGN_IN_COOKIE]) return reply.redirect('/staff/sign-in', 303);
      return sendStaffPage(
        deps,
        request,
        reply,
        { title: 'Enter your code', path: '/staff/sign-in/code' },
        <CodeForm formToken={deps.formTokens.issue(CODE_FORM)} />,
      );
    },
  );

  app.post(
    '/staff/sign-in/code',
    {
      config: { access: 'public', csrf: { form: CODE_FORM } },
      schema: { querystring: NoQuery, body: CodeBody },
    },
    async (request, reply) => {
      const challenge = request.cookies[SIGN_IN_COOKIE];
      const codePage = (status: number, error: string) =>
        sendStaffPage(
          deps,
          request,
          reply,
          { title: 'Enter your code', path: '/staff/sign-in/code', status },
          <CodeForm error={error} formToken={deps.formTokens.issue(CODE_FORM)} />,
        );
      const restart = () => {
        clearCookie(reply, SIGN_IN_COOKIE);
        return sendStaffPage(
          deps,
          request,
          reply,
          { ...page, status: 401 },
          <SignInForm
            notice={m.challengeExpired}
            formToken={deps.formTokens.issue(SIGN_IN_FORM)}
            insecure={!isSecureEnough(request)}
          />,
        );
      };
      if (!challenge || !isSecureEnough(request)) return restart();
      const result = await deps.signIn.codeStep(
        challenge,
        request.body.code,
        originOf(request),
        request.cookies[DEVICE_COOKIE],
      );
      if (result.ok) {
        clearCookie(reply, SIGN_IN_COOKIE);
        setSessionCookie(reply, result.sessionToken);
        // This browser is remembered for the account: the account-wide lock lets it through (decision 013).
        if (result.newDevice)
          reply.setCookie(DEVICE_COOKIE, result.newDevice, {
            ...sessionCookieOptions,
            maxAge: DEVICE_MS / 1000,
          });
        return reply.redirect(
          result.usedRecoveryCode ? '/staff/account?recovery-code-used=1' : '/staff',
          303,
        );
      }
      if (result.reason === 'expired') return restart();
      return codePage(401, m.codeFailed);
    },
  );

  app.post(
    '/staff/sign-out',
    { config: { access: 'signed_in' }, schema: { querystring: NoQuery, body: ButtonBody } },
    async (request, reply) => {
      const staff = request.staff!;
      await deps.sessions.end(staff.actor, staff.session.id, 'sign_out');
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions);
      return reply.redirect('/staff/sign-in?signed-out', 303);
    },
  );

  /** The session timeout warning's "Stay signed in": any signed-in request keeps the session alive. */
  app.post(
    '/api/staff/keep-alive',
    { config: { access: 'signed_in' }, schema: { querystring: NoQuery, body: ButtonBody } },
    (request, reply) => reply.send({ endsAt: request.staff!.endsAt.toISOString() }),
  );
}
