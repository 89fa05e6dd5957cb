import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FormTokens } from '../platform/http/form-tokens.js';
import { NoQuery, singleText } from '../platform/http/route-input.js';
import { renderPage } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import { intakeMessages as m } from './messages.js';
import { nextContact } from './next-contact.js';
import type { Intake } from './service.js';
import {
  type FieldProblem,
  type FormValues,
  isTreatmentChoice,
  RequestFormBody,
  readForm,
  validateRequest,
} from './validate.js';
import { Received } from './views/received.js';
import { RequestForm } from './views/request-form.js';

const FORM = 'appointment-request';
const RECEIVED_COOKIE = 'haven_request_received';
const KEY = /^[A-Za-z0-9_-]{16,64}$/;

export interface IntakeRouteOptions {
  site: SiteContext;
  intake: Intake;
  formTokens: FormTokens;
  /** Today in the clinic's time zone (YYYY-MM-DD), for ages. */
  today: () => string;
  now: () => Date;
  /**
   * The cookie the screening feature reads its invitation token from; when set, a stored request's token
   * goes there and the confirmation page offers the pre-visit questionnaires.
   */
  screeningCookie?: string;
  /** Submissions one address may send in ten minutes (errors included). */
  submissionsPerTenMinutes?: number;
}

const empty: FormValues = readForm(RequestFormBody.parse({}));

/** Only the treatment and the location may come in the address; nothing a person tells us ever does. */
const FormQuery = z.object({ treatment: singleText, location: singleText });

/**
 * The request form. It works without JavaScript, keeps everything typed through every error, carries a
 * stateless anti-forgery token (so it still works while the database is briefly away) and an idempotency
 * key, and ends with Post/Redirect/Get on a confirmation that holds nothing personal in its address.
 */
export async function intakeRoutes(plainApp: FastifyInstance, options: IntakeRouteOptions): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const { site, intake, formTokens } = options;

  const formPage = (
    reply: FastifyReply,
    status: number,
    values: FormValues,
    extra: { errors?: FieldProblem[]; alert?: string; idempotencyKey?: string } = {},
  ) =>
    reply
      .code(status)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderPage(
          site,
          {
            title: extra.errors?.length ? `Error: ${m.title}` : m.title,
            description: m.summary(site.clinic.treatments.map((treatment) => treatment.shortName)),
            path: '/request-appointment',
          },
          <RequestForm
            clinic={site.clinic}
            values={values}
            errors={extra.errors ?? []}
            formToken={formTokens.issue(FORM)}
            idempotencyKey={extra.idempotencyKey ?? randomUUID()}
            alert={extra.alert}
          />,
        ),
      );

  app.get('/request-appointment', { schema: { querystring: FormQuery } }, (request, reply) => {
    const query = request.query;
    const treatment =
      query.treatment !== undefined && isTreatmentChoice(site.clinic.treatments, query.treatment)
        ? query.treatment
        : '';
    const location =
      query.location !== undefined && site.clinic.locations.some((l) => l.id === query.location)
        ? query.location
        : '';
    return formPage(reply, 200, { ...empty, treatment, location });
  });

  const limited = {
    max: options.submissionsPerTenMinutes ?? 10,
    timeWindow: 10 * 60_000,
    // Counted after the body is read, so a refused person gets their form back with everything in it.
    hook: 'preHandler' as const,
    errorResponseBuilder: () => ({ statusCode: 429, code: 'HAVEN_REQUEST_LIMITED', message: m.tooMany }),
  };

  app.post(
    '/request-appointment',
    {
      schema: { querystring: NoQuery, body: RequestFormBody },
      config: { rateLimit: limited },
      errorHandler: (error, request, reply) => {
        if (error.code !== 'HAVEN_REQUEST_LIMITED') throw error;
        reply.header('retry-after', '600');
        return formPage(reply, 429, readForm(request.body), {
          alert: m.tooMany,
          idempotencyKey: keyOf(request.body),
        });
      },
    },
    async (request, reply) => {
      const body = request.body;
      const values = readForm(body);
      const idempotencyKey = keyOf(body);
      if (body.website.trim() !== '') {
        request.log.info('appointment request refused: honeypot field filled');
        return reply.redirect('/request-appointment/received', 303);
      }
      const fetchSite = request.headers['sec-fetch-site'];
      const foreign = fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none';
      if (foreign || !formTokens.verify(FORM, body._csrf)) {
        return formPage(reply, 200, values, { alert: m.expired, idempotencyKey });
      }
      const checked = validateRequest(values, {
        locations: options.site.clinic.locations,
        treatments: site.clinic.treatments,
        today: options.today(),
        minimumAge: site.clinic.ages.minimum,
      });
      // The page with its errors is a normal answer (200), as on GOV.UK: nothing failed, a question needs fixing.
      if (!checked.ok) return formPage(reply, 200, values, { errors: checked.errors, idempotencyKey });
      let submission: Awaited<ReturnType<Intake['submit']>>;
      try {
        submission = await intake.submit(checked.request, idempotencyKey);
      } catch (error) {
        // The error itself may quote what was being written: log only what kind of failure it was.
        request.log.error(
          { failure: (error as Error).name, code: (error as { code?: string }).code },
          'appointment request not saved',
        );
        return formPage(reply, 503, values, {
          alert: m.notSaved(options.site.clinic.phone.display),
          idempotencyKey,
        });
      }
      if (submission.screeningToken && options.screeningCookie) {
        // The questionnaires' one-time token, for this browser only and only for a couple of hours: later,
        // the person uses the link the clinic sends.
        reply.setCookie(options.screeningCookie, submission.screeningToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: 2 * 60 * 60,
        });
      }
      reply.setCookie(RECEIVED_COOKIE, checked.request.concernsMinor ? 'minor' : 'adult', {
        path: '/request-appointment',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        maxAge: 600,
      });
      return reply.redirect('/request-appointment/received', 303);
    },
  );

  app.get('/request-appointment/received', { schema: { querystring: NoQuery } }, (request, reply) => {
    const minor = request.cookies[RECEIVED_COOKIE] === 'minor';
    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderPage(
          site,
          {
            title: 'We have your request',
            description: 'What happens next.',
            path: '/request-appointment/received',
            noindex: true,
          },
          <Received
            clinic={site.clinic}
            nextContact={nextContact(site.clinic, options.now()).text}
            minor={minor}
            screening={
              options.screeningCookie !== undefined && request.cookies[options.screeningCookie] !== undefined
            }
          />,
        ),
      );
  });
}

function keyOf(body: RequestFormBody): string {
  return KEY.test(body.idempotency_key) ? body.idempotency_key : randomUUID();
}
