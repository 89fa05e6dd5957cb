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
import type { InvitationRow } from './repository.js';
import { planFor, type Section } from './sections.js';
import type { Screening } from './service.js';
import { Done, GroupPage, LinkProblem, Overview, SupportPanel } from './views/public.js';

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

  const nextGroupOf = (section: Section, answers: Record<string, number | string>) =>
    section.groups.find((group) =>
      group.items.some((linkId) => section.required.has(linkId) && answers[linkId] === undefined),
    )?.id ?? null;

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
    const saved = await screening.answers(state.invitation);
    const progress = new Map<string, { answered: number; total: number; nextGroup: string | null }>();
    for (const section of state.sections) {
      const answers = saved[section.id] ?? {};
      const total = section.groups.reduce((sum, group) => sum + group.items.length, 0);
      progress.set(section.id, {
        answered: Object.keys(answers).length,
        total,
        nextGroup: nextGroupOf(section, answers),
      });
    }
    return page(
      reply,
      'Questions before your first visit',
      <Overview sections={state.sections} progress={progress} formToken={formTokens.issue(FORM)} />,
    );
  });

  app.get('/screening/questions', { schema: { querystring: NoQuery } }, async (request, reply) => {
    const state = await current(request);
    if ('reason' in state) return problem(reply, state.reason);
    if (!state.bound) return reply.redirect('/screening/verify', 303);
    const shown = supportFirst(request, reply, '/screening/questions');
    if (shown) return shown;
    const saved = await screening.answers(state.invitation);
    for (const section of state.sections) {
      const answers = saved[section.id] ?? {};
      const groupId = nextGroupOf(section, answers);
      if (groupId === null) continue;
      const groupIndex = section.groups.findIndex((group) => group.id === groupId);
      return page(
        reply,
        section.title,
        <GroupPage
          section={section}
          groupIndex={groupIndex}
          answers={{}}
          answeredBefore={section.groups[groupIndex]!.items.some((linkId) => answers[linkId] !== undefined)}
          errors={[]}
          formToken={formTokens.issue(FORM)}
        />,
      );
    }
    return reply.redirect('/screening', 303);
  });

  app.post(
    '/screening/questions',
    { schema: { querystring: NoQuery, body: PageBody } },
    async (request, reply) => {
      const state = await current(request);
      if ('reason' in state) return problem(reply, state.reason);
      if (!state.bound) return reply.redirect('/screening/verify', 303);
      const body = request.body;
      const target = Target.safeParse(body);
      const section = target.success ? state.sections.find((s) => s.id === target.data._section) : undefined;
      const groupIndex = section?.groups.findIndex((group) => group.id === target.data?._group) ?? -1;
      if (!section || groupIndex < 0) return reply.redirect('/screening/questions', 303);
      const group = section.groups[groupIndex]!;
      const raw = Object.fromEntries(
        group.items.filter((linkId) => body[linkId] !== undefined).map((linkId) => [linkId, body[linkId]]),
      );
      const again = (errors: { linkId: string; message: string }[]) =>
        page(
          reply,
          `Error: ${section.title}`,
          <GroupPage
            section={section}
            groupIndex={groupIndex}
            answers={Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, String(value)]))}
            errors={errors}
            formToken={formTokens.issue(FORM)}
          />,
        );
      const fetchSite = request.headers['sec-fetch-site'];
      if (
        (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') ||
        !formTokens.verify(FORM, body._csrf)
      ) {
        return again([
          {
            linkId: group.items[0]!,
            message: 'This page was open for a long time. Please check your answers and save again.',
          },
        ]);
      }
      const raises = (all: Record<string, number | string>) => section.raisesSafety(all);
      const checked = section.validate(raw, group.items);
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
        group.items.some((linkId) => section.safetyItems.includes(linkId)) && raises(saved.answers);
      // The same redirect either way; the panel comes first on the next page (decision 017).
      if (worryingHere) setSupportCookie(request, reply);
      return reply.redirect('/screening/questions', 303);
    },
  );

  app.post(
    '/screening/finish',
    { schema: { querystring: NoQuery, body: TokenBody } },
    async (request, reply) => {
      const state = await current(request);
      if ('reason' in state) return problem(reply, state.reason);
      if (!state.bound) return reply.redirect('/screening/verify', 303);
      if (!formTokens.verify(FORM, request.body._csrf)) return reply.redirect('/screening', 303);
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
    return page(
      reply,
      'This device has forgotten your questions',
      <div class="prose screening">
        <h1>This device has forgotten your questions</h1>
        <p class="lead">
          Nobody using this browser can open your answers now. What you saved is safe with the clinic: open
          the link you were sent to go on.
        </p>
      </div>,
    );
  });
}

export { screeningCookieValue, setScreeningCookie };
