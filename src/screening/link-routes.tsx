import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import type { FormTokens } from '../platform/http/form-tokens.js';
import { formBody, formText, NoQuery, singleText } from '../platform/http/route-input.js';
import type { SiteContext } from '../web/site-context.js';
import { readScreeningCookie, screeningCookieValue, setScreeningCookie } from './cookies.js';
import type { LinkBinding } from './link-binding.js';
import { linkMessages as m } from './messages.js';
import type { InvitationRow } from './repository.js';
import type { ScreeningState } from './routes.js';
import type { Screening } from './service.js';
import { VerifyPage, VerifyRefused } from './views/verify.js';

type Problem = 'unknown' | 'expired' | 'submitted' | 'missing';

export interface LinkRouteOptions {
  site: SiteContext;
  screening: Screening;
  binding: LinkBinding;
  formTokens: FormTokens;
  form: string;
  page: (reply: FastifyReply, title: string, body: ComponentChildren, status?: number) => FastifyReply;
  problem: (reply: FastifyReply, reason: Problem) => FastifyReply;
  current: (request: FastifyRequest) => Promise<ScreeningState>;
  secondsLeft: (invitation: InvitationRow) => number;
}

const Token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const VerifyBody = formBody({ _csrf: formText, dob: formText });
/** `?token=` opens a link (the hook below); a token sent twice reads as none. */
export const LinkQuery = z.object({ token: singleText });
const IsoDate = z.iso.date();

/**
 * Opening a link, and the date-of-birth question another browser answers (decision 017). The token leaves
 * the address bar at once, for a cookie; the first browser to open a link is its own.
 */
export async function linkRoutes(plainApp: FastifyInstance, options: LinkRouteOptions): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const { screening, binding, formTokens, site } = options;

  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== '/screening' || request.method !== 'GET') return;
    const query = LinkQuery.safeParse(request.query);
    const raw = query.success ? query.data.token : undefined;
    if (raw === undefined) return;
    const token = Token.safeParse(raw);
    const opened = token.success
      ? await screening.open(token.data)
      : ({ ok: false, reason: 'unknown' } as const);
    if (!opened.ok) return options.problem(reply, opened.reason);
    const invitation = opened.invitation;
    const held = readScreeningCookie(request);
    const device =
      held !== null && held.token === token.data && binding.isBoundTo(invitation, held.device)
        ? held.device
        : invitation.device_hash === null
          ? ((await binding.bindFirst(invitation, request.ip)) ?? undefined)
          : undefined;
    setScreeningCookie(
      request,
      reply,
      screeningCookieValue(token.data!, device),
      options.secondsLeft(invitation),
    );
    // The token leaves the address bar (and the browser's history) at once.
    return reply.redirect(device === undefined ? '/screening/verify' : '/screening', 303);
  });

  const verifyPage = (reply: FastifyReply, value: string, error: string | null) =>
    options.page(
      reply,
      error ? `Error: ${m.verifyTitle}` : m.verifyTitle,
      <VerifyPage
        formToken={formTokens.issue(options.form)}
        value={value}
        error={error}
        clinic={site.clinic}
      />,
    );

  app.get('/screening/verify', { schema: { querystring: NoQuery } }, async (request, reply) => {
    const state = await options.current(request);
    if ('reason' in state) return options.problem(reply, state.reason);
    if (state.bound) return reply.redirect('/screening', 303);
    return verifyPage(reply, '', null);
  });

  app.post(
    '/screening/verify',
    { schema: { querystring: NoQuery, body: VerifyBody } },
    async (request, reply) => {
      const state = await options.current(request);
      if ('reason' in state) return options.problem(reply, state.reason);
      if (state.bound) return reply.redirect('/screening', 303);
      const typed = request.body.dob.trim();
      if (!formTokens.verify(options.form, request.body._csrf))
        return verifyPage(reply, typed, 'This page was open for a long time. Please try again.');
      const date = IsoDate.safeParse(typed);
      if (!date.success) return verifyPage(reply, typed, m.dobInvalid);
      const result = await binding.verify(state.invitation, date.data, state.profile.dob, request.ip);
      if (result.ok) {
        const held = readScreeningCookie(request)!;
        setScreeningCookie(
          request,
          reply,
          screeningCookieValue(held.token, result.device),
          options.secondsLeft(state.invitation),
        );
        return reply.redirect('/screening', 303);
      }
      if (result.reason === 'wrong') return verifyPage(reply, typed, m.wrong(result.attemptsLeft));
      return options.page(
        reply,
        m.verifyTitle,
        <VerifyRefused reason={result.reason} clinic={site.clinic} />,
        403,
      );
    },
  );
}
