import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { NotFoundError } from '../platform/http/errors.js';
import { ButtonBody, formBody, formText, NoQuery } from '../platform/http/route-input.js';
import { renderStaffPage } from '../staff/index.js';
import type { SiteContext } from '../web/site-context.js';
import type { Checklist, Instrument } from './instruments/index.js';
import type { ScreeningReview } from './review.js';
import { parseSafetyOutcome } from './safety-form.js';
import type { Screening } from './service.js';
import { AnswersPage } from './views/answers.js';
import { CallLink, SafetyOutcomeFormView } from './views/safety-outcome.js';

export interface ScreeningStaffRouteOptions {
  site: SiteContext;
  review: ScreeningReview;
  instruments: ReadonlyMap<string, Instrument>;
  checklists: ReadonlyMap<string, Checklist>;
  /** The clinic's cut-off for each instrument with a configurable one (PCL-5: HAVEN_PCL5_CUTOFF). */
  probableCutoffs: Readonly<Record<string, number>>;
  idleMinutes: number;
  notices: () => readonly string[];
  /** The person's phone number (E.164), if they gave one, for the urgent box's call link. */
  contactPhone: (requestId: string) => Promise<string | null>;
  /** The person's email address, if they gave one (from the intake feature), to send them the link. */
  contactEmail: (requestId: string) => Promise<string | null>;
  emailLink: Screening['emailLink'];
}

/** A request's address: an id that is not a request id names nothing, and the error pages answer 404. */
const Params = z.object({ id: z.uuid() });
/** The safety outcome form as sent; safety-form.ts checks it and gives each field its message. */
const SafetyBody = formBody({ outcome: formText, note: formText, confirm: formText });

/** Clinicians read answers and close urgent reviews; staff who handle requests make screening links. */
export async function screeningStaffRoutes(
  plainApp: FastifyInstance,
  options: ScreeningStaffRouteOptions,
): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const page = (request: FastifyRequest, reply: FastifyReply, title: string, body: ComponentChildren) =>
    reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderStaffPage(
          {
            site: options.site,
            signedIn: request.staff,
            idleMinutes: options.idleMinutes,
            notices: options.notices(),
          },
          { title, path: '/staff/requests/item' },
          body,
        ),
      );

  app.get(
    '/staff/requests/:id/screening',
    {
      config: { access: { permission: 'screening:read' } },
      schema: { params: Params, querystring: NoQuery },
    },
    async (request, reply) => {
      const { id } = request.params;
      const responses = await options.review.answers(request.staff!.actor, id);
      if (responses === null) throw new NotFoundError();
      return page(
        request,
        reply,
        'Screening answers',
        <AnswersPage
          requestId={id}
          responses={responses}
          instruments={options.instruments}
          checklists={options.checklists}
          probableCutoffs={options.probableCutoffs}
          timeZone={options.site.clinic.timeZone}
        />,
      );
    },
  );

  app.post(
    '/staff/requests/:id/safety',
    {
      config: { access: { permission: 'safety:acknowledge' } },
      schema: { params: Params, querystring: NoQuery, body: SafetyBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const form = parseSafetyOutcome(request.body);
      if (!form.ok) {
        // The form again, on its own page, keeping what was typed: works without JavaScript.
        reply.code(400);
        return page(
          request,
          reply,
          'Record the outcome',
          <section class="narrow notice-urgent">
            <h1>Urgent safety review: record the outcome</h1>
            <CallLink phone={await options.contactPhone(id)} />
            <SafetyOutcomeFormView
              requestId={id}
              csrf={request.staff!.session.csrf_token}
              values={form.values}
              errors={form.errors}
            />
            <p>
              <a href={`/staff/requests/${id}`}>Back to the request</a>
            </p>
          </section>,
        );
      }
      const { outcome, note } = form.value;
      const result = await options.review.acknowledge(request.staff!.actor, id, outcome, note);
      if (result === 'not_found') throw new NotFoundError();
      const done = result === 'closed' ? 'safety-closed' : result === 'recorded' ? 'safety-attempt' : '';
      return reply.redirect(`/staff/requests/${id}${done ? `?done=${done}` : ''}`, 303);
    },
  );

  app.post(
    '/staff/requests/:id/screening/invite',
    {
      config: { access: { permission: 'requests:change_status' } },
      schema: { params: Params, querystring: NoQuery, body: ButtonBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const actor = request.staff!.actor;
      const made = await options.review.invite(actor, id);
      if (made === null) throw new NotFoundError();
      if (!made.ok) {
        reply.code(409);
        return page(
          request,
          reply,
          'Screening link',
          <section class="narrow">
            <h1>Screening link</h1>
            <p class="notice" role="status">
              No new link was made: this person has already sent their answers. A clinician can read them on
              the request.
            </p>
            <p>
              <a href={`/staff/requests/${id}`}>Back to the request</a>
            </p>
          </section>,
        );
      }
      const link = made.link;
      const email = await options.contactEmail(id);
      const emailed = email ? await options.emailLink(id, email, link, actor) : false;
      return page(
        request,
        reply,
        'Screening link',
        <section class="narrow">
          <h1>Screening link</h1>
          {emailed ? (
            <p class="notice" role="status">
              The link has been emailed to the address the person gave.
            </p>
          ) : null}
          <p>
            {emailed
              ? 'To send it by text as well, copy it from here.'
              : 'The person gave no email address: send this link by text.'}{' '}
            It works for 14 days, until they send their answers, and is shown only now:
          </p>
          <p>
            <code>{link}</code>
          </p>
          <p>
            <a href={`/staff/requests/${id}`}>Back to the request</a>
          </p>
        </section>,
      );
    },
  );
}
