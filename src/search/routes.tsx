import type { FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { singleText } from '../platform/http/route-input.js';
import { renderPage } from '../web/layout.js';
import type { SiteContext } from '../web/site-context.js';
import { LIMITS } from './engine.js';
import { searchMessages as m } from './messages.js';
import type { SearchService } from './service.js';
import { SearchPage } from './views/search-page.js';

export interface SearchRoutesOptions {
  site: SiteContext;
  search: SearchService;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The words to find: bad input is a clear 400, never a 500 and never silently trimmed. */
const ApiQuery = z.object({
  q: z
    .string({ error: m.badQuery.missing })
    .trim()
    .min(1, m.badQuery.missing)
    .max(LIMITS.queryLength, m.badQuery.tooLong(LIMITS.queryLength))
    .refine((q) => !CONTROL.test(q), m.badQuery.control),
  limit: z.coerce
    .number({ error: m.badQuery.limit(LIMITS.results) })
    .int(m.badQuery.limit(LIMITS.results))
    .min(1, m.badQuery.limit(LIMITS.results))
    .max(LIMITS.results, m.badQuery.limit(LIMITS.results))
    .default(10),
});

/** The results page is forgiving: a bad query shows the search form again, with the words cut to size. */
const PageQuery = z.object({
  q: singleText.transform((q) =>
    (q ?? '').replace(new RegExp(CONTROL.source, 'g'), ' ').trim().slice(0, LIMITS.queryLength),
  ),
});

/** The crisis block as data, for the suggestions as you type and any other client of the API. */
const crisisAnswer = {
  message: m.crisis.heading,
  label: m.crisis.groupLabel,
  actions: m.crisis.actions,
};

export async function searchRoutes(
  plainApp: FastifyInstance,
  { site, search }: SearchRoutesOptions,
): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { max: 120, timeWindow: 60_000 };

  app.get(
    '/search',
    { schema: { querystring: PageQuery }, config: { rateLimit } },
    async (request, reply) => {
      const { q } = request.query;
      const outcome = q ? search.search(q, 20) : undefined;
      const crisis = q ? search.hearsDistress(q) : false;
      // Results depend on the words typed: never cached, never indexed, and the words never logged.
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      return renderPage(
        site,
        { title: q ? m.titleFor(q) : m.title, description: m.description, path: '/search', noindex: true },
        <SearchPage
          query={q}
          outcome={outcome}
          phone={site.clinic.phone}
          treatments={site.clinic.treatments}
          notReady={Boolean(q) && !search.isReady()}
          crisis={crisis}
        />,
      );
    },
  );

  app.get(
    '/api/search',
    {
      schema: { querystring: ApiQuery },
      config: { rateLimit: { max: 600, timeWindow: 60_000 } },
      // A query that does not fit is answered with the schema's own message, written for the client.
      errorHandler: (error, _request, reply) => {
        if (!hasZodFastifySchemaValidationErrors(error)) throw error;
        return reply
          .code(400)
          .header('cache-control', 'no-store')
          .send({ error: { status: 400, message: error.validation[0]!.message } });
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { q, limit } = request.query;
      // Help comes first, and even while the index is still being built.
      const crisis = search.hearsDistress(q) ? { crisis: crisisAnswer } : {};
      const outcome = search.search(q, limit);
      if (!outcome) return reply.code(503).send({ ...crisis, error: { status: 503, message: m.notReady } });
      return {
        ...crisis,
        query: outcome.query,
        results: outcome.results.map(({ title, url, type, snippet }) => ({ title, url, type, snippet })),
        ...(outcome.didYouMean ? { didYouMean: outcome.didYouMean } : {}),
      };
    },
  );
}
