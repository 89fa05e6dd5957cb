import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { nextContact } from '../intake/index.js';
import type { FormTokens } from '../platform/http/form-tokens.js';
import { renderPage } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import type { Checklist, Instrument } from './instruments/index.js';
import type { InvitationRow } from './repository.js';
import { planFor, type Section } from './sections.js';
import type { Screening } from './service.js';
import { Done, GroupPage, LinkProblem, Overview, SupportPanel } from './views/public.js';

export const SCREENING_COOKIE = 'haven_screening';
const FORM = 'screening';
const DONE_COOKIE = 'haven_screening_done';

export interface ScreeningRouteOptions {
  site: SiteContext;
  screening: Screening;
  formTokens: FormTokens;
  instruments: ReadonlyMap<string, Instrument>;
  checklists: ReadonlyMap<string, Checklist>;
  /** The request's treatment and concerns (from the intake feature), to choose the sections. */
  profile: (requestId: string) => Promise<{ treatment: string; concerns: string[]; adult: boolean } | null>;
  now: () => Date;
}

/**
 * The person's side of screening: no JavaScript needed, one group of questions per screen, each page saved
 * as it is sent (so a person can stop and come back), and a crisis panel shown first whenever a page's
 * answers say they think of death or self-harm. Nothing is cached and nothing personal is in an address.
 */
export async function screeningRoutes(app: FastifyInstance, options: ScreeningRouteOptions): Promise<void> {
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
  const problem = (reply: FastifyReply, reason: 'unknown' | 'expired' | 'submitted' | 'missing') =>
    page(
      reply,
      'Questions before your first visit',
      <LinkProblem reason={reason} clinic={site.clinic} />,
      reason === 'missing' ? 400 : 410,
    );

  const current = async (
    request: FastifyRequest,
  ): Promise<
    | { invitation: InvitationRow; sections: Section[] }
    | { reason: 'unknown' | 'expired' | 'submitted' | 'missing' }
  > => {
    const token = request.cookies[SCREENING_COOKIE];
    if (!token) return { reason: 'missing' };
    const opened = await screening.open(token);
    if (!opened.ok) return { reason: opened.reason };
    const profile = await options.profile(opened.invitation.request_id);
    if (!profile) return { reason: 'unknown' };
    return {
      invitation: opened.invitation,
      sections: planFor(profile, options.instruments, options.checklists),
    };
  };

  const nextGroupOf = (section: Section, answers: Record<string, number | string>) =>
    section.groups.find((group) =>
      group.items.some((linkId) => section.required.has(linkId) && answers[linkId] === undefined),
    )?.id ?? null;

  app.get('/screening', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    if (typeof query.token === 'string') {
      const opened = await screening.open(query.token);
      if (!opened.ok) return problem(reply, opened.reason);
      reply.setCookie(SCREENING_COOKIE, query.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: Math.max(
          60,
          Math.floor((Date.parse(opened.invitation.expires_at) - options.now().getTime()) / 1000),
        ),
      });
      // The token leaves the address bar (and the browser's history) at once.
      return reply.redirect('/screening', 303);
    }
    const state = await current(request);
    if ('reason' in state) return problem(reply, state.reason);
    const progress = new Map<string, { answered: number; total: number; nextGroup: string | null }>();
    for (const section of state.sections) {
      const answers = await screening.answers(state.invitation, section.id);
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

  const locate = (sections: Section[], params: unknown) => {
    const { section: sectionId, group: groupId } = params as { section: string; group: string };
    const section = sections.find((candidate) => candidate.id === sectionId);
    const groupIndex = section ? section.groups.findIndex((group) => group.id === groupId) : -1;
    return section && groupIndex >= 0 ? { section, groupIndex } : null;
  };

  app.get('/screening/:section/:group', async (request, reply) => {
    const state = await current(request);
    if ('reason' in state) return problem(reply, state.reason);
    const found = locate(state.sections, request.params);
    if (!found) return reply.redirect('/screening', 303);
    const answers = await screening.answers(state.invitation, found.section.id);
    return page(
      reply,
      found.section.title,
      <GroupPage
        section={found.section}
        groupIndex={found.groupIndex}
        answers={answers}
        errors={[]}
        formToken={formTokens.issue(FORM)}
      />,
    );
  });

  app.post('/screening/:section/:group', async (request, reply) => {
    const state = await current(request);
    if ('reason' in state) return problem(reply, state.reason);
    const found = locate(state.sections, request.params);
    if (!found) return reply.redirect('/screening', 303);
    const { section, groupIndex } = found;
    const group = section.groups[groupIndex]!;
    const body = (request.body ?? {}) as Record<string, unknown>;
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
          answers={raw as Record<string, string>}
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
    const checked = section.validate(raw, group.items);
    if (!checked.ok) {
      // A worrying answer counts even when another question on the page is unanswered: keep the valid
      // answers, raise the review, show the crisis panel first, then come back to finish the page.
      const valid = checked.answers ?? {};
      if (
        Object.keys(valid).some((linkId) => section.safetyItems.includes(linkId)) &&
        section.raisesSafety(valid)
      ) {
        await screening.save(state.invitation, section, valid, (all) => section.raisesSafety(all));
        return reply.redirect(
          `/screening/support?next=${encodeURIComponent(`/screening/${section.id}/${group.id}`)}`,
          303,
        );
      }
      return again(checked.errors);
    }
    const saved = await screening.save(state.invitation, section, checked.answers, (all) =>
      section.raisesSafety(all),
    );
    const nextGroup = section.groups[groupIndex + 1];
    const next = nextGroup ? `/screening/${section.id}/${nextGroup.id}` : '/screening';
    const worryingHere =
      group.items.some((linkId) => section.safetyItems.includes(linkId)) &&
      section.raisesSafety(saved.answers);
    if (worryingHere) return reply.redirect(`/screening/support?next=${encodeURIComponent(next)}`, 303);
    return reply.redirect(next, 303);
  });

  app.get('/screening/support', (request, reply) => {
    const raw = (request.query as Record<string, unknown>).next;
    const next =
      typeof raw === 'string' && /^\/screening(\/[a-z0-9-]+\/[a-z0-9-]+)?$/.test(raw) ? raw : '/screening';
    return page(
      reply,
      'You can talk to someone now',
      <SupportPanel clinic={site.clinic} next={next} contact={nextContact(site.clinic, options.now())} />,
    );
  });

  app.post('/screening/finish', async (request, reply) => {
    const state = await current(request);
    if ('reason' in state) return problem(reply, state.reason);
    if (!formTokens.verify(FORM, (request.body as Record<string, unknown> | null)?._csrf))
      return reply.redirect('/screening', 303);
    let disclosed = false;
    for (const section of state.sections) {
      const answers = await screening.answers(state.invitation, section.id);
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
  });

  app.get('/screening/done', (request, reply) => {
    const followUp =
      request.cookies[DONE_COOKIE] === 'follow-up' ? nextContact(site.clinic, options.now()).urgent : null;
    return page(reply, 'Thank you', <Done clinic={site.clinic} followUp={followUp} />);
  });

  // On a shared computer: this browser lets go of the link; the saved answers stay with the clinic.
  app.post('/screening/forget', (request, reply) => {
    if (!formTokens.verify(FORM, (request.body as Record<string, unknown> | null)?._csrf)) {
      return reply.redirect('/screening', 303);
    }
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
