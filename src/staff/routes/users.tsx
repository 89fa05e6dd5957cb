import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../platform/http/errors.js';
import { ButtonBody, formBody, formList, formText, NoQuery } from '../../platform/http/route-input.js';
import type { FieldError } from '../../web/components/form.js';
import { NewStaffUser } from '../accounts.js';
import { staffMessages as m } from '../messages.js';
import { isRole, type Role } from '../permissions.js';
import { UserPage, UsersPage } from '../views/users.js';
import { type StaffRouteDeps, sendStaffPage } from './context.js';

const manage = { config: { access: { permission: 'users:manage' as const } } };
/** A user's address: an id that is not a user id names nothing, and the error pages answer 404. */
const UserParams = z.object({ id: z.uuid() });
const NewUserBody = formBody({ email: formText, displayName: formText, roles: formList });
const RolesBody = formBody({ roles: formList });

/** The roles ticked that Haven knows; NewStaffUser then asks for at least one, with its message. */
function rolesFrom(ticked: string[]): Role[] {
  return ticked.filter(isRole);
}

/** Administrators manage staff accounts. The service checks the permission again. */
export async function usersRoutes(plainApp: FastifyInstance, deps: StaffRouteDeps): Promise<void> {
  const app = plainApp.withTypeProvider<ZodTypeProvider>();
  const list = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: FieldError[];
      values?: { email: string; displayName: string; roles: Role[] };
      created?: { link: string; email: string };
      status?: number;
    } = {},
  ) =>
    sendStaffPage(
      deps,
      request,
      reply,
      { title: m.users, path: '/staff/users', status: extra.status },
      <UsersPage
        users={await deps.accounts.list(request.staff!.actor)}
        csrf={request.staff!.session.csrf_token}
        errors={extra.errors ?? []}
        values={extra.values ?? { email: '', displayName: '', roles: [] }}
        created={extra.created}
      />,
    );

  app.get('/staff/users', { ...manage, schema: { querystring: NoQuery } }, (request, reply) =>
    list(request, reply),
  );

  app.post(
    '/staff/users',
    { ...manage, schema: { querystring: NoQuery, body: NewUserBody } },
    async (request, reply) => {
      const values = {
        email: request.body.email,
        displayName: request.body.displayName,
        roles: rolesFrom(request.body.roles),
      };
      const parsed = NewStaffUser.safeParse(values);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((issue) => ({
          field: String(issue.path[0]),
          message: issue.message,
        }));
        return list(request, reply, { errors, values, status: 400 });
      }
      const result = await deps.accounts.create(request.staff!.actor, parsed.data);
      if (!result.ok)
        return list(request, reply, {
          errors: [{ field: 'email', message: result.reason }],
          values,
          status: 409,
        });
      return list(request, reply, { created: { link: result.value.link, email: result.value.user.email } });
    },
  );

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { error?: string; notice?: string; link?: string; status?: number } = {},
  ) => {
    const user = await deps.accounts.get(request.staff!.actor, id);
    if (!user) throw new NotFoundError();
    return sendStaffPage(
      deps,
      request,
      reply,
      { title: user.displayName, path: '/staff/users', status: extra.status },
      <UserPage user={user} csrf={request.staff!.session.csrf_token} {...extra} />,
    );
  };

  app.get(
    '/staff/users/:id',
    { ...manage, schema: { params: UserParams, querystring: NoQuery } },
    (request, reply) => userPage(request, reply, request.params.id),
  );

  type Outcome = { ok: true; value: string | null } | { ok: false; reason: string };
  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    result: Outcome,
    notice: string,
  ) =>
    result.ok
      ? userPage(request, reply, id, { notice, link: result.value ?? undefined })
      : userPage(request, reply, id, { error: result.reason, status: 400 });

  app.post(
    '/staff/users/:id/roles',
    { ...manage, schema: { params: UserParams, querystring: NoQuery, body: RolesBody } },
    async (request, reply) => {
      const { id } = request.params;
      const result = await deps.accounts.setRoles(request.staff!.actor, id, rolesFrom(request.body.roles));
      return answer(request, reply, id, result, 'Roles saved.');
    },
  );

  /** The buttons on a user's page that carry nothing but the anti-forgery token. */
  const action = (
    path: string,
    run: (id: string, request: FastifyRequest) => Promise<Outcome>,
    notice: string,
  ) =>
    app.post(
      `/staff/users/:id/${path}`,
      { ...manage, schema: { params: UserParams, querystring: NoQuery, body: ButtonBody } },
      async (request, reply) => {
        const { id } = request.params;
        return answer(request, reply, id, await run(id, request), notice);
      },
    );
  action(
    'disable',
    (id, request) => deps.accounts.disable(request.staff!.actor, id),
    'The account is disabled and signed out everywhere.',
  );
  action(
    'enable',
    (id, request) => deps.accounts.enable(request.staff!.actor, id),
    'The account is enabled.',
  );
  action(
    'end-sessions',
    (id, request) => deps.accounts.endSessions(request.staff!.actor, id),
    'Every session of this person was ended; they must sign in again, with their code, on every device.',
  );
  action(
    'reset-mfa',
    (id, request) => deps.accounts.resetMfa(request.staff!.actor, id),
    'The authenticator was removed and every session ended.',
  );
}
