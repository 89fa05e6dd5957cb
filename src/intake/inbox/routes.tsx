import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { NotFoundError } from '../../platform/http/errors.js';
import { ButtonBody, formBody, formText, NoQuery } from '../../platform/http/route-input.js';
import { renderStaffPage } from '../../staff/index.js';
import type { SiteContext } from '../../web/site-context.js';
import type { TimelineKinds } from '../review-port.js';
import { isTreatmentChoice } from '../validate.js';
import { endOfClinicDay, startOfClinicDay } from './clinic-day.js';
import type { Inbox } from './inbox.js';
import { isCallOutcome, isStatus } from './statuses.js';
import { type InboxFilters, InboxPage, RequestPage } from './views.js';

export interface InboxRouteOptions {
  site: SiteContext;
  inbox: Inbox;
  idleMinutes: number;
  notices: () => readonly string[];
  /** Sections other features add to a request's page (the composition root wires screening in). */
  requestSections?: (request: FastifyRequest, requestId: string) => Promise<ComponentChildren>;
  /** Timeline kinds other features add (the composition root passes screening's). */
  timelineKinds?: TimelineKinds;
  colleagues: () => Promise<{ id: string; displayName: string }[]>;
  /** The clock, for how long urgent reviews have waited. */
  now: () => Date;
}

/** A request's address: an id that is not a request id names nothing, and the error pages answer 404. */
const Params = z.object({ id: z.uuid() });
/** The request page's query belongs to the sections other features add to it (screening's `done`). */
const SectionsQuery = z.looseObject({});
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .catch('');
const Query = z.object({
  status: z.string().catch(''),
  location: z.string().max(100).catch(''),
  treatment: z.string().max(100).catch(''),
  from: date,
  to: date,
  q: z.string().max(100).catch(''),
  page: z.coerce.number().int().min(0).max(10_000).catch(0),
});
const StatusBody = formBody({ status: formText });
const CallBody = formBody({ outcome: formText });
const AssignBody = formBody({ assignee: formText });
const NoteBody = formBody({ note: formText });

/** The staff inbox: list, one request, calls and status, notes, assignment, and the admins' export. */
export async function inboxRoutes(plainApp: FastifyInstance, options: InboxRouteOptions): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const { inbox, site } = options;
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    meta: { title: string; path: string; status?: number },
    body: ComponentChildren,
  ) =>
    reply
      .code(meta.status ?? 200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderStaffPage(
          { site, signedIn: request.staff, idleMinutes: options.idleMinutes, notices: options.notices() },
          meta,
          body,
        ),
      );
  const people = async () => new Map((await options.colleagues()).map((c) => [c.id, c.displayName]));
  const list = { config: { access: { permission: 'requests:list' as const } } };
  const read = { config: { access: { permission: 'requests:read_contact' as const } } };
  const changeStatus = { config: { access: { permission: 'requests:change_status' as const } } };

  app.get('/staff/requests', { ...list, schema: { querystring: Query } }, async (request, reply) => {
    const query = request.query;
    const filters: InboxFilters = {
      status: isStatus(query.status) ? query.status : '',
      location: query.location,
      treatment: isTreatmentChoice(site.clinic.treatments, query.treatment) ? query.treatment : '',
      from: query.from,
      to: query.to,
      q: query.q,
    };
    // The days the list shows are the clinic's days, so the filter reads them in its time zone too.
    const zone = site.clinic.timeZone;
    const actor = request.staff!.actor;
    const { rows, total, searchWindowCut } = await inbox.list(
      actor,
      {
        status: filters.status || undefined,
        location: filters.location || undefined,
        treatment: filters.treatment || undefined,
        from: filters.from ? startOfClinicDay(filters.from, zone).toISOString() : undefined,
        to: filters.to ? endOfClinicDay(filters.to, zone).toISOString() : undefined,
      },
      filters.q,
      query.page,
    );
    const more = (query.page + 1) * 50 < total;
    const nextHref = more
      ? `/staff/requests?${new URLSearchParams({ ...filters, page: String(query.page + 1) })}`
      : null;
    return page(
      request,
      reply,
      { title: 'Requests', path: '/staff/requests' },
      <InboxPage
        rows={rows}
        total={total}
        searchWindowCut={searchWindowCut}
        counts={await inbox.counts(actor)}
        filters={filters}
        clinic={site.clinic}
        people={await people()}
        canExport={actor.permissions.has('data:export')}
        nextHref={nextHref}
        now={options.now()}
      />,
    );
  });

  const requestPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { notice?: string; error?: string; status?: number } = {},
  ) => {
    const actor = request.staff!.actor;
    const detail = await inbox.view(actor, id);
    if (!detail) throw new NotFoundError();
    return page(
      request,
      reply,
      { title: 'Request', path: '/staff/requests/item', status: extra.status },
      <RequestPage
        detail={detail}
        clinic={site.clinic}
        csrf={request.staff!.session.csrf_token}
        people={await people()}
        sections={await options.requestSections?.(request, id)}
        can={{
          changeStatus: actor.permissions.has('requests:change_status'),
          addNote: actor.permissions.has('requests:add_note'),
        }}
        otherKinds={Object.fromEntries(
          Object.entries(options.timelineKinds ?? {}).map(([kind, { label, notePermission }]) => [
            kind,
            { label, showNote: actor.permissions.has(notePermission) },
          ]),
        )}
        {...extra}
      />,
    );
  };

  app.get(
    '/staff/requests/:id',
    { ...read, schema: { params: Params, querystring: SectionsQuery } },
    (request, reply) => requestPage(request, reply, request.params.id),
  );

  const act = (done: boolean, request: FastifyRequest, reply: FastifyReply, id: string, notice: string) => {
    if (!done) throw new NotFoundError();
    return requestPage(request, reply, id, { notice });
  };

  app.post(
    '/staff/requests/:id/status',
    { ...changeStatus, schema: { params: Params, querystring: NoQuery, body: StatusBody } },
    async (request, reply) => {
      const { id } = request.params;
      const { status } = request.body;
      if (!isStatus(status))
        return requestPage(request, reply, id, { error: 'Choose a status from the list.', status: 400 });
      return act(
        await inbox.setStatus(request.staff!.actor, id, status),
        request,
        reply,
        id,
        'Status saved.',
      );
    },
  );

  app.post(
    '/staff/requests/:id/call',
    { ...changeStatus, schema: { params: Params, querystring: NoQuery, body: CallBody } },
    async (request, reply) => {
      const { id } = request.params;
      const { outcome } = request.body;
      if (!isCallOutcome(outcome))
        return requestPage(request, reply, id, { error: 'Choose a call outcome.', status: 400 });
      return act(
        await inbox.recordCall(request.staff!.actor, id, outcome),
        request,
        reply,
        id,
        'Call recorded.',
      );
    },
  );

  app.post(
    '/staff/requests/:id/assign',
    { ...changeStatus, schema: { params: Params, querystring: NoQuery, body: AssignBody } },
    async (request, reply) => {
      const { id } = request.params;
      const { assignee } = request.body;
      if (assignee !== '' && !(await people()).has(assignee)) {
        return requestPage(request, reply, id, { error: 'Choose a colleague from the list.', status: 400 });
      }
      return act(
        await inbox.assign(request.staff!.actor, id, assignee || null),
        request,
        reply,
        id,
        'Assignment saved.',
      );
    },
  );

  app.post(
    '/staff/requests/:id/notes',
    {
      config: { access: { permission: 'requests:add_note' } },
      schema: { params: Params, querystring: NoQuery, body: NoteBody },
    },
    async (request, reply) => {
      const { id } = request.params;
      const note = request.body.note.trim();
      if (note === '')
        return requestPage(request, reply, id, { error: 'Write the note before adding it.', status: 400 });
      if (note.length > 4000)
        return requestPage(request, reply, id, { error: 'Keep a note under 4,000 characters.', status: 400 });
      return act(await inbox.addNote(request.staff!.actor, id, note), request, reply, id, 'Note added.');
    },
  );

  const exportAccess = { config: { access: { permission: 'data:export' as const } } };
  app.get('/staff/requests/export', { ...exportAccess, schema: { querystring: NoQuery } }, (request, reply) =>
    page(
      request,
      reply,
      { title: 'Export requests', path: '/staff/requests' },
      <section class="narrow">
        <h1>Export requests</h1>
        <p class="notice notice-warning">
          The file holds every request's name, phone, email, date of birth and message: health information.
          Save it only on an encrypted, clinic-managed computer, never email it, and delete it when you are
          done. The export is recorded in the audit log.
        </p>
        <form method="post" action="/staff/requests/export">
          <input type="hidden" name="_csrf" value={request.staff!.session.csrf_token} />
          <button type="submit">Download the CSV file</button>
        </form>
      </section>,
    ),
  );

  app.post(
    '/staff/requests/export',
    { ...exportAccess, schema: { querystring: NoQuery, body: ButtonBody } },
    async (request, reply) => {
      const csv = await inbox.exportAll(request.staff!.actor);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="appointment-requests.csv"')
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );
}
