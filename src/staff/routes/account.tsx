import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ButtonBody, formBody, formText, NoQuery, singleText } from '../../platform/http/route-input.js';
import type { FieldError } from '../../web/components/form.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../http/access.js';
import { staffMessages as m } from '../messages.js';
import { PASSWORD_MESSAGES } from '../passwords/passwords.js';
import { AccountPage } from '../views/account.js';
import { AuthenticatorEnrolment, RecoveryCodes } from '../views/setup.js';
import { minutes, type StaffRouteDeps, sendStaffPage } from './context.js';

const AccountQuery = z.object({ 'recovery-code-used': singleText });
const ConfirmBody = formBody({ password: formText, code: formText });
const PasswordBody = formBody({ password: formText, confirm: formText });
const AuthenticatorBody = formBody({ pending: formText, code: formText });
const EndSessionBody = formBody({ sessionId: formText });
const EndAllBody = formBody({ keepCurrent: formText });

/** A staff member's own account: password, authenticator, recovery codes and sessions. */
export async function accountRoutes(plainApp: FastifyInstance, deps: StaffRouteDeps): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const signedIn = { config: { access: 'signed_in' as const } };
  const form = <Body extends z.ZodType>(body: Body) => ({
    ...signedIn,
    schema: { querystring: NoQuery, body },
  });

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; notice?: string; status?: number; recoveryCodeUsed?: boolean } = {},
  ) => {
    const staff = request.staff!;
    return sendStaffPage(
      deps,
      request,
      reply,
      { title: m.account, path: '/staff/account', status: extra.status },
      <AccountPage
        email={staff.user.email}
        displayName={staff.user.display_name}
        roles={[...staff.actor.roles]}
        recoveryCodesLeft={await deps.accountSettings.recoveryCodesLeft(staff.user.id)}
        sessions={await deps.sessions.list(staff.user.id)}
        currentSessionId={staff.session.id}
        fresh={deps.sessions.isFreshlyAuthenticated(staff.session)}
        csrf={staff.session.csrf_token}
        timeZone={deps.site.clinic.timeZone}
        errors={extra.errors ?? []}
        notice={
          extra.notice ??
          (extra.recoveryCodeUsed
            ? 'You signed in with a recovery code, which is now spent. If your phone is lost, set up a new authenticator app below.'
            : undefined)
        }
      />,
    );
  };

  app.get('/staff/account', { ...signedIn, schema: { querystring: AccountQuery } }, (request, reply) =>
    accountPage(request, reply, { recoveryCodeUsed: request.query['recovery-code-used'] !== undefined }),
  );

  app.post('/staff/account/confirm', form(ConfirmBody), async (request, reply) => {
    const staff = request.staff!;
    const result = await deps.accountSettings.reauthenticate(
      staff.actor,
      staff.session,
      request.body.password,
      request.body.code,
    );
    if (result.ok) return reply.redirect('/staff/account', 303);
    const message =
      result.reason === 'throttled'
        ? m.throttled(minutes(result.waitMs))
        : 'The password or code is not right.';
    return accountPage(request, reply, {
      errors: [{ field: 'password', message }],
      status: result.reason === 'throttled' ? 429 : 401,
    });
  });

  app.post('/staff/account/password', form(PasswordBody), async (request, reply) => {
    const staff = request.staff!;
    const result = await deps.accountSettings.changePassword(
      staff.actor,
      staff.session,
      request.body.password,
      request.body.confirm,
    );
    if (result.ok)
      return accountPage(request, reply, {
        notice: 'Your password has been changed. Your other sessions were signed out.',
      });
    if (result.problem === 'stale')
      return accountPage(request, reply, { notice: 'Confirm it is you first.', status: 403 });
    const error =
      result.problem === 'mismatch'
        ? { field: 'confirm', message: 'The two passwords are not the same. Type it again.' }
        : { field: 'password', message: PASSWORD_MESSAGES[result.problem] };
    return accountPage(request, reply, { errors: [error], status: 400 });
  });

  const enrolmentPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    sealed: string,
    secretPage: ReturnType<typeof deps.accountSettings.newAuthenticator>,
    error?: string,
  ) =>
    sendStaffPage(
      deps,
      request,
      reply,
      { title: 'Set up a new authenticator app', path: '/staff/account', status: error ? 400 : 200 },
      <AuthenticatorEnrolment
        enrolment={secretPage!.enrolment}
        error={error}
        action="/staff/account/authenticator/confirm"
        hidden={{ _csrf: request.staff!.session.csrf_token, pending: sealed }}
        title="Set up a new authenticator app"
        intro="Your current app keeps working until you confirm a code from the new one."
      />,
    );

  app.post('/staff/account/authenticator', form(ButtonBody), (request, reply) => {
    const staff = request.staff!;
    const pending = deps.accountSettings.newAuthenticator(staff.session, staff.user.email);
    if (!pending) return accountPage(request, reply, { notice: 'Confirm it is you first.', status: 403 });
    return enrolmentPage(request, reply, pending.sealed, pending);
  });

  app.post('/staff/account/authenticator/confirm', form(AuthenticatorBody), async (request, reply) => {
    const staff = request.staff!;
    const sealed = request.body.pending;
    const result = await deps.accountSettings.confirmAuthenticator(
      staff.actor,
      staff.session,
      sealed,
      request.body.code,
    );
    if (result.ok)
      return accountPage(request, reply, {
        notice: 'Your new authenticator app is connected. Your other sessions were signed out.',
      });
    if (result.reason === 'stale')
      return accountPage(request, reply, { notice: 'Confirm it is you first.', status: 403 });
    const again = deps.accountSettings.reopenAuthenticator(staff.session, sealed, staff.user.email);
    if (!again) return accountPage(request, reply, { notice: 'Start again.', status: 400 });
    return enrolmentPage(
      request,
      reply,
      sealed,
      again,
      'That code is not right. Type the six digits the new app shows now.',
    );
  });

  app.post('/staff/account/recovery-codes', form(ButtonBody), async (request, reply) => {
    const staff = request.staff!;
    const codes = await deps.accountSettings.newRecoveryCodes(staff.actor, staff.session);
    if (!codes) return accountPage(request, reply, { notice: 'Confirm it is you first.', status: 403 });
    return sendStaffPage(
      deps,
      request,
      reply,
      { title: 'Save your recovery codes', path: '/staff/account' },
      <RecoveryCodes codes={codes} next="/staff/account" />,
    );
  });

  app.post('/staff/account/sessions/end', form(EndSessionBody), async (request, reply) => {
    const staff = request.staff!;
    const ended = await deps.sessions.end(staff.actor, request.body.sessionId, 'revoked');
    return accountPage(
      request,
      reply,
      ended ? { notice: 'That session has been signed out.' } : { notice: 'That session had already ended.' },
    );
  });

  app.post('/staff/account/sessions/end-all', form(EndAllBody), async (request, reply) => {
    const staff = request.staff!;
    const keepCurrent = request.body.keepCurrent === 'yes';
    const ended = await deps.sessions.endAll(staff.actor, keepCurrent ? staff.session.id : undefined);
    if (keepCurrent)
      return accountPage(request, reply, {
        notice: `Signed out ${ended} other session${ended === 1 ? '' : 's'}.`,
      });
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions);
    return reply.redirect('/staff/sign-in?signed-out', 303);
  });
}
