import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

const REPORT_TYPES = ['application/csp-report', 'application/reports+json'];

const LegacyReport = z.object({
  'csp-report': z.object({
    'effective-directive': z.string().optional(),
    'violated-directive': z.string().optional(),
    'blocked-uri': z.string().optional(),
  }),
});

/** Keeps only the origin of a blocked address: a full URL could carry a query with a person's words. */
function originOf(blocked: string | undefined): string {
  if (!blocked) return 'unknown';
  try {
    return new URL(blocked).origin;
  } catch {
    return blocked.slice(0, 20).replace(/[^a-z-]/gi, '');
  }
}

/** Browsers report Content-Security-Policy violations here; each becomes a warning without page details. */
export async function cspReportRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(REPORT_TYPES, { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(null, undefined);
    }
  });
  app.post(
    '/api/csp-report',
    { config: { rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const parsed = LegacyReport.safeParse(request.body);
      if (parsed.success) {
        const report = parsed.data['csp-report'];
        request.log.warn(
          {
            directive: report['effective-directive'] ?? report['violated-directive'],
            blocked: originOf(report['blocked-uri']),
          },
          'content security policy violation',
        );
      }
      return reply.code(204).send();
    },
  );
}
