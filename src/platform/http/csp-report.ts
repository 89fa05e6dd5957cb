import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoQuery } from './route-input.js';

const REPORT_TYPES = ['application/csp-report', 'application/reports+json'];

const LegacyReport = z.object({
  'csp-report': z.object({
    'effective-directive': z.string().optional(),
    'violated-directive': z.string().optional(),
    'blocked-uri': z.string().optional(),
  }),
});

/** The Reporting API's shape (application/reports+json): a list of reports. */
const ReportingApiReports = z.array(
  z.object({
    type: z.string(),
    body: z
      .object({ effectiveDirective: z.string().optional(), blockedURL: z.string().optional() })
      .optional(),
  }),
);

/**
 * Either shape, or nothing the browser sent that we understand: a report is only ever logged, so one we
 * cannot read is ignored (a 204 like any other), never refused.
 */
const CspReport = z.union([LegacyReport, ReportingApiReports]).optional().catch(undefined);

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
export async function cspReportRoutes(plainApp: FastifyInstance): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(REPORT_TYPES, { parseAs: 'string', bodyLimit: 16_384 }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(null, undefined);
    }
  });
  app.post(
    '/api/csp-report',
    // Reports carry nothing to forge and change nothing, so the same-origin check does not apply.
    {
      schema: { querystring: NoQuery, body: CspReport },
      config: { rateLimit: { max: 30, timeWindow: 60_000 }, crossSite: 'allowed' },
    },
    async (request, reply) => {
      const violations: { directive: string | undefined; blocked: string | undefined }[] = [];
      const sent = request.body;
      if (sent !== undefined && !Array.isArray(sent)) {
        const report = sent['csp-report'];
        violations.push({
          directive: report['effective-directive'] ?? report['violated-directive'],
          blocked: report['blocked-uri'],
        });
      }
      if (Array.isArray(sent)) {
        for (const report of sent.slice(0, 10)) {
          if (report.type === 'csp-violation' && report.body) {
            violations.push({ directive: report.body.effectiveDirective, blocked: report.body.blockedURL });
          }
        }
      }
      for (const violation of violations) {
        request.log.warn(
          { directive: violation.directive, blocked: originOf(violation.blocked) },
          'content security policy violation',
        );
      }
      return reply.code(204).send();
    },
  );
}
