import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { nextContact } from '../intake/index.js';
import type { FormTokens } from '../platform/http/form-tokens.js';
import { formBody, formText, NoQuery } from '../platform/http/route-input.js';
import { renderPage } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import {
  readScreeningCookie,
  SCREENING_COOKIE,
  SUPPORT_COOKIE,
  screeningCookieValue,
  setScreeningCookie,
  setSupportCookie,
} from './cookies.js';
import type { Checklist, Instrument } from './instruments/index.js';
import type { LinkBinding } from './link-binding.js';
import { LinkQuery, linkRoutes } from './link-routes.js';
import { nextGroupOf, pendingItems, planProgress } from './plan-progress.js';
import type { InvitationRow } from './repository.js';
import { planFor, type Section } from './sections.js';
import type { Screening } from './service.js';
import { Done, Forgotten, LinkProblem, Overview, SupportPanel } from './views/public.js';
import { GroupPage } from './views/questions.js';

export { SCREENING_COOKIE } from './cookies.js';

const FORM = 'screening';
const DONE_COOKIE = 'haven_screening_done';
type Problem = 'unknown' | 'expired' | 'submitted' | 'missing';

export interface ScreeningProfile {
  treatment: string;
  concerns: string[];
  /** Whether the person is known to be an adult (an adult-only instrument is never given otherwise). */
  adult: boolean;
  /** YYYY-MM-DD, or null when the person did not give it. */
  dob: string | null;
}

export interface ScreeningRouteOptions {
  site: SiteContext;
  screening: Screening;
  binding: LinkBinding;
  formTokens: FormTokens;
  instruments: ReadonlyMap<string, Instrument>;
  checklists: ReadonlyMap<string, Checklist>;
  /** The request's treatment, concerns and date of birth (from the intake feature). */
  profile: (requestId: string) => Promise<ScreeningProfile | null>;
  now: () => Date;
}

/**
 * A questionnaire page as sent: each answer is text (or a list, where a question takes several), keyed by
 * its question; the instrument engine checks each answer and gives its message.
 */
const PageBody = z.preprocess(
  (body) => body ?? {},
  z.record(z.string(), z.union([z.string(), z.array(z.string())])),
);
/** A button that only carries the page's anti-forgery token, checked by the handler. */
const TokenBody = formBody({ _csrf: formText });
const Target = z.object({ _section: z.string().max(40), _group: z.string().max(40) });

export type ScreeningState =
  | { invitation: InvitationRow; sections: Section[]; profile: ScreeningProfile; bound: boolean }
  | { reason: Problem };

/**
 * The person's side of screening: no JavaScript needed, one group of questions per screen, each page saved
 * as it is sent, and a crisis panel shown first whenever a page's answers say they think of death or
 * self-harm. Decision 017: every address is the same whatever the answers and questionnaires (one
 * /screening/questions for every page); answers are never shown again; a link works in its own browser,
 * and another one must first give the request's date of birth. Nothing is cached.
 */
export async function screeningRoutes(
  plainApp: FastifyInstance,
  options: ScreeningRouteOptions,
): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const { site, screening, formTokens } = options;
  const page = (reply: FastifyReply, title: string, body: ComponentChildren, status = 200) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderPage(
          site,
          { title, description: 'Questions before your first visit.', path: '/screening', noindex: true },
          body,
        ),
      );
  const problem = (reply: FastifyReply, reason: Problem) =>
    page(
      reply,
      'Questions before your first visit',
      <LinkProblem reason={reason} clinic={site.clinic} />,
      reason === 'missing' ? 400 : 410,
    );
  const secondsLeft = (invitation: InvitationRow) =>
    Math.floor((Date.parse(invitation.expires_at) - options.now().getTime()) / 1000);

  const current = async (request: FastifyRequest): Promise<ScreeningState> => {
    const cookie = readScreeningCookie(request);
    if (!cookie) return { reason: 'missing' };
    const opened = await screening.open(cookie.token);
    if (!opened.ok) return { reason: opened.reason };
    const profile = await options.profile(opened.invitation.request_id);
    if (!profile) return { reason: 'unknown' };
    return {
      invitation: opened.invitation,
      profile,
      sections: planFor(
        profile,
        site.clinic.treatments.map((treatment) => treatment.id),
        options.instruments,
        options.checklists,
      ),
      bound: options.binding.isBoundTo(opened.invitation, cookie.device),
    };
  };

  /** The crisis panel, once, when the page just sent raised it; "go on" leads to the same address. */
  const supportFirst = (request: FastifyRequest, reply: FastifyReply, next: string) => {
    if (request.cookies[SUPPORT_COOKIE] === undefined) return null;
    reply.clearCookie(SUPPORT_COOKIE, { path: '/screening' });
    return page(
      reply,
      'You can talk to someone now',
      <SupportPanel clinic={site.clinic} next={next} contact={nextContact(site.clinic, options.now())} />,
    );
  };

  // Called, not registered, so its hook sees GET /screening?token= in this plugin's context.
  await linkRoutes(app, { ...options, page, problem, current, secondsLeft, form: FORM });

  app.get('/screening', { schema: { querystring: LinkQuery } }, async (request, reply) => {
    const state = await current(request);
    if ('reason' in state) return problem(reply, state.reason);
    if (!state.bound) return reply.redirect('/screening/verify', 303);
    const shown = supportFirst(request, reply, '/screening');
    if (shown) return shown;
    const progress = planProgress(state.sections, await screening.answers(state.invitation));
    return page(
      reply,
      'Questions before your first visit',
      <Overview progress={progress} formToken={formTokens.issue(FORM)} />,
    );
  });

  app.get('/screening/questions', { schema: { querystring: NoQuery } }, async (request, reply) => {
    const state = await current(request);
    if ('reason' in state) return problem(reply, state.reason);
    if (!state.bound) return reply.redirect('/screening/verify', 303);
    const shown = supportFirst(request, reply, '/screening/questions');
    if (shown) return shown;
    const saved = await screening.answers(state.invitation);
    const progress = planProgress(state.sections, saved);
    if (progress.next === null) return reply.redirect('/screening', 303);
    const { sectionIndex, groupIndex } = progress.next;
    const section = state.sections[sectionIndex]!;
    const answers = saved[section.id] ?? {};
    const group = section.groups[groupIndex]!;
    const items = pendingItems(section, group.id, answers);
    // Part of a page is saved only when the crisis panel came first with a question left blank: that
    // question is named at once, linked to its answers (issue 13).
    const blank = items.length < group.items.length ? section.validate({}, items) : null;
    return page(
      reply,
      blank && !blank.ok ? `Error: ${section.title}` : section.title,
      <GroupPage
        section={section}
        groupIndex={groupIndex}
        items={items}
        answers={{}}
        answeredBefore={group.items.some((linkId) => answers[linkId] !== undefined)}
        errors={blank && !blank.ok ? blank.errors : []}
        formToken={formTokens.issue(FORM)}
        progress={{ position: sectionIndex + 1, completed: progress.completed, total: state.sections.length }}
        final={progress.remainingPages === 1}
      />,
    );
  });

  app.post(
    '/screening/questions',
    { schema: { querystring: NoQuery, body: PageBody } },
    async (request, reply) => {
      const state = await current(request);
      if ('reason' in state) return problem(reply, state.reason);
      if (!state.bound) return reply.redirect('/screening/verify', 303);
      const target = Target.safeParse(request.body);
      const section = target.success ? state.sections.find((s) => s.id === target.data._section) : undefined;
      const groupIndex = section?.groups.findIndex((group) => group.id === target.data?._group) ?? -1;
      if (!section || groupIndex < 0) return reply.redirect('/screening/questions', 303);
      const group = section.groups[groupIndex]!;
      const before = await screening.answers(state.invitation);
      const progress = planProgress(state.sections, before);
      const sectionIndex = state.sections.indexOf(section);
      const final =
        progress.remainingPages === 1 &&
        progress.next?.sectionIndex === sectionIndex &&
        progress.next.groupIndex === groupIndex;
      const items = pendingItems(section, group.id, before[section.id] ?? {});
      const raw = Object.fromEntries(
        items
          .filter((linkId) => request.body[linkId] !== undefined)
          .map((linkId) => [linkId, request.body[linkId]]),
      );
      const again = (errors: { linkId: string; message: string }[]) =>
        page(
          reply,
          `Error: ${section.title}`,
          <GroupPage
            section={section}
            groupIndex={groupIndex}
            items={items}
            answers={Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, String(value)]))}
            errors={errors}
            formToken={formTokens.issue(FORM)}
            progress={{
              position: sectionIndex + 1,
              completed: progress.completed,
              total: state.sections.length,
            }}
            final={final}
          />,
        );
      const fetchSite = request.headers['sec-fetch-site'];
      if (
        (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') ||
        !formTokens.verify(FORM, request.body._csrf)
      ) {
        return again([
          {
            linkId: items[0]!,
            message: 'This page was open for a long time. Please check your answers and save again.',
          },
        ]);
      }
      const raises = (all: Record<string, number | string>) => section.raisesSafety(all);
      const checked = section.validate(raw, items);
      if (!checked.ok) {
        // A worrying answer counts even when another question on the page is unanswered: keep the valid
        // answers, raise the review, and show the crisis panel in this response (a 200, as the page with its
        // errors is), then come back to finish the page.
        const valid = checked.answers ?? {};
        if (Object.keys(valid).some((linkId) => section.safetyItems.includes(linkId)) && raises(valid)) {
          await screening.save(state.invitation, section, valid, raises);
          return page(
            reply,
            'You can talk to someone now',
            <SupportPanel
              clinic={site.clinic}
              next="/screening/questions"
              contact={nextContact(site.clinic, options.now())}
            />,
          );
        }
        return again(checked.errors);
      }
      const saved = await screening.save(state.invitation, section, checked.answers, raises);
      const worryingHere =
        items.some((linkId) => section.safetyItems.includes(linkId)) && raises(saved.answers);
      // The same redirect either way; the panel comes first on the next page (decision 017). A worrying last
      // page is not sent yet: the panel comes first, and the overview then offers to send.
      if (worryingHere) setSupportCookie(request, reply);
      else if (final) return send(request, reply, state);
      return reply.redirect('/screening/questions', 303);
    },
  );

  /** Sends every answer to the clinic, once every section is done; otherwise back to the overview. */
  const send = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: Extract<ScreeningState, { invitation: InvitationRow }>,
  ) => {
    const saved = await screening.answers(state.invitation);
    let disclosed = false;
    for (const section of state.sections) {
      const answers = saved[section.id] ?? {};
      if (nextGroupOf(section, answers) !== null) return reply.redirect('/screening', 303);
      disclosed ||= section.raisesSafety(answers);
    }
    await screening.finish(state.invitation);
    reply.clearCookie(SCREENING_COOKIE, { path: '/' });
    // The closing page then says when someone will try to reach them; only this browser, for ten minutes.
    if (disclosed)
      reply.setCookie(DONE_COOKIE, 'follow-up', {
        path: '/screening/done',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: 600,
      });
    return reply.redirect('/screening/done', 303);
  };

  app.post(
    '/screening/finish',
    { schema: { querystring: NoQuery, body: TokenBody } },
    async (request, reply) => {
      const state = await current(request);
      if ('reason' in state) return problem(reply, state.reason);
      if (!state.bound) return reply.redirect('/screening/verify', 303);
      if (!formTokens.verify(FORM, request.body._csrf)) return reply.redirect('/screening', 303);
      return send(request, reply, state);
    },
  );

  app.get('/screening/done', { schema: { querystring: NoQuery } }, (request, reply) => {
    const followUp =
      request.cookies[DONE_COOKIE] === 'follow-up' ? nextContact(site.clinic, options.now()).urgent : null;
    return page(reply, 'Thank you', <Done clinic={site.clinic} followUp={followUp} />);
  });

  // On a shared computer: this browser lets go of the link; the saved answers stay with the clinic.
  app.post('/screening/forget', { schema: { querystring: NoQuery, body: TokenBody } }, (request, reply) => {
    if (!formTokens.verify(FORM, request.body._csrf)) return reply.redirect('/screening', 303);
    reply.clearCookie(SCREENING_COOKIE, { path: '/' });
    return page(reply, 'This device has forgotten your questions', <Forgotten />);
  });
}

export { screeningCookieValue, setScreeningCookie };
