import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../platform/database/schema.js';
import { NoQuery } from '../../platform/http/route-input.js';
import { mailStatus } from '../../platform/mail/index.js';
import { readAuditLog } from '../audit-reading.js';
import { staffMessages as m } from '../messages.js';
import { AuditPageView } from '../views/audit.js';
import { Overview } from '../views/overview.js';
import type { RequestWorkSource } from '../work.js';
import { type StaffRouteDeps, sendStaffPage } from './context.js';

const AuditQuery = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9_.]*$/)
    .catch(''),
  outcome: z.enum(['', 'success', 'failure', 'denied']).catch(''),
  actorId: z.string().trim().max(36).catch(''),
  targetId: z.string().trim().max(100).catch(''),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});

/** The staff home page and, for administrators, the audit log. */
export async function overviewRoutes(
  plainApp: FastifyInstance,
  deps: StaffRouteDeps & { db: Kysely<Database>; now: () => Date; requestWork?: RequestWorkSource },
): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/staff',
    { config: { access: 'signed_in' }, schema: { querystring: NoQuery } },
    async (request, reply) => {
      const signedIn = request.staff!;
      // Each count only for those whose role covers that work.
      const requests =
        deps.requestWork && signedIn.actor.permissions.has('requests:list')
          ? await deps.requestWork(signedIn.actor)
          : null;
      const { failed } = await mailStatus(deps.db);
      return sendStaffPage(
        deps,
        request,
        reply,
        { title: m.overview, path: '/staff' },
        <Overview signedIn={signedIn} requests={requests} failedMail={failed} now={deps.now()} />,
      );
    },
  );

  app.get(
    '/staff/audit',
    { config: { access: { permission: 'audit:read' } }, schema: { querystring: AuditQuery } },
    async (request, reply) => {
      const query = request.query;
      const page = await readAuditLog(deps.db, request.staff!.actor, {
        action: query.action || undefined,
        outcome: query.outcome || undefined,
        actorId: query.actorId || undefined,
        targetId: query.targetId || undefined,
        before: query.before,
        limit: 100,
      });
      const people = new Map(
        (await deps.accounts.list(request.staff!.actor)).map((user) => [
          user.id,
          `${user.displayName} (${user.email})`,
        ]),
      );
      const next =
        page.nextBefore === null
          ? null
          : `/staff/audit?${new URLSearchParams({ action: query.action, outcome: query.outcome, actorId: query.actorId, targetId: query.targetId, before: String(page.nextBefore) })}`;
      return sendStaffPage(
        deps,
        request,
        reply,
        { title: m.audit, path: '/staff/audit' },
        <AuditPageView
          events={page.events}
          filters={query}
          nextHref={next}
          timeZone={deps.site.clinic.timeZone}
          people={people}
        />,
      );
    },
  );
}
