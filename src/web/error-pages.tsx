import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { PhoneLink } from './components/location-details.js';
import { SearchForm } from './components/search-form.js';
import { renderPage } from './layout.js';
import type { SiteContext } from './site-context.js';

/**
 * Every error reaches a person as a calm page in the site's layout (a search box, the way home, the phone
 * number) or, under /api/, as JSON. Neither ever carries a stack trace, an internal message or the request.
 */

interface ErrorText {
  title: string;
  explanation: string;
}

const ERROR_TEXT: Record<number, ErrorText> = {
  400: {
    title: 'We could not read that request',
    explanation: 'Something in the request was not in the form we expected.',
  },
  403: { title: 'That is not available to you', explanation: 'You do not have permission to see this page.' },
  404: {
    title: 'We could not find that page',
    explanation:
      'The page may have moved, or the address may have a typo. Try a search, or start again from the home page.',
  },
  405: {
    title: 'That action is not possible here',
    explanation: 'This address does not accept that kind of request.',
  },
  413: { title: 'That was too much to send at once', explanation: 'Please send less and try again.' },
  415: {
    title: 'That kind of content is not accepted here',
    explanation: 'Please use the form on the page.',
  },
  429: {
    title: 'Please wait a moment',
    explanation:
      'Many requests came from your connection in a short time. Please wait a minute, then try again.',
  },
  500: {
    title: 'Something went wrong on our side',
    explanation: 'It was not your fault, and we have been told about it. Please try again in a few minutes.',
  },
  503: {
    title: 'We are briefly unavailable',
    explanation: 'The site is restarting or very busy. Please try again in a minute.',
  },
};

/** Refusals that need their own words: a form whose anti-forgery token is missing or expired, or that came from another site. */
const CODED_TEXT: Record<string, ErrorText> = {
  HAVEN_FORM_EXPIRED: {
    title: 'This form has expired',
    explanation:
      'For your safety, a form stops working after a while, or when it was sent from another site. Go back, reload the page and try again.',
  },
  HAVEN_FOREIGN_ORIGIN: {
    title: 'We did not take this form',
    explanation:
      'It was sent from another website, so for your safety nothing in it was saved or sent to the clinic. If you were filling in a form on our site, go back to it and send it again: your answers should still be there. Or call us.',
  },
};

export function errorText(status: number, code?: string): ErrorText {
  return (
    (code && Object.hasOwn(CODED_TEXT, code) ? CODED_TEXT[code] : undefined) ??
    ERROR_TEXT[status] ??
    (status >= 500 ? ERROR_TEXT[500]! : ERROR_TEXT[400]!)
  );
}

export function ErrorPageBody({ site, status, code }: { site: SiteContext; status: number; code?: string }) {
  const text = errorText(status, code);
  return (
    <div class="prose">
      <h1>{text.title}</h1>
      <p class="lead">{text.explanation}</p>
      {status === 404 ? <SearchForm id="error-search" /> : null}
      <h2>Other ways to get help</h2>
      <ul>
        <li>
          <a href="/">Go to the home page</a>
        </li>
        <li>
          Call us at <PhoneLink phone={site.clinic.phone} />
        </li>
        <li>
          <a href="/request-appointment">Request an appointment</a>
        </li>
      </ul>
    </div>
  );
}

export function renderErrorPage(site: SiteContext, status: number, code?: string): string {
  const text = errorText(status, code);
  return renderPage(
    site,
    { title: text.title, description: text.explanation, path: '/error', noindex: true },
    <ErrorPageBody site={site} status={status} code={code} />,
  );
}

function isApi(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/');
}

/**
 * A page for an error in an area with its own shell (the staff area), or null for the public error page.
 * The composition root supplies it, so this shell imports no feature.
 */
export type AreaErrorPage = (request: FastifyRequest, status: number, text: ErrorText) => string | null;

function sendError(
  site: SiteContext,
  areaPage: AreaErrorPage | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code?: string,
): FastifyReply {
  reply.code(status).header('cache-control', 'no-store');
  if (isApi(request)) {
    return reply
      .type('application/json; charset=utf-8')
      .send({ error: { status, message: errorText(status, code).title } });
  }
  let html: string;
  try {
    html = areaPage?.(request, status, errorText(status, code)) ?? renderErrorPage(site, status, code);
  } catch (renderError) {
    request.log.error({ err: renderError }, 'error page could not be rendered');
    html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${errorText(status).title}</title></head><body><h1>${errorText(status).title}</h1><p>Please call ${site.clinic.phone.display}. If you are in crisis, call or text 988, or call 911.</p></body></html>`;
  }
  return reply.type('text/html; charset=utf-8').send(html);
}

/**
 * A page's address that does not fit its route's schema (a malformed id, `?page=abc`) names no page: the
 * person gets the 404 page, as before schemas. A form body or an API query that does not fit stays a 400
 * (decision 023).
 */
function addressNamesNothing(error: FastifyError, request: FastifyRequest): boolean {
  if (error.code !== 'FST_ERR_VALIDATION') return false;
  return (
    error.validationContext === 'params' || (error.validationContext === 'querystring' && !isApi(request))
  );
}

async function errorPages(
  app: FastifyInstance,
  options: { site: SiteContext; areaPage?: AreaErrorPage },
): Promise<void> {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = addressNamesNothing(error, request)
      ? 404
      : error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, code: error.code }, 'request refused');
    if (error.statusCode === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
    return sendError(options.site, options.areaPage, request, reply, status, error.code);
  });
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 60, timeWindow: 60_000 }) }, (request, reply) =>
    sendError(options.site, options.areaPage, request, reply, 404),
  );
}

export const errorPagesPlugin = fp(errorPages, {
  name: 'haven-error-pages',
  dependencies: ['haven-rate-limits'],
});
