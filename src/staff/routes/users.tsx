import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../web/components/form.js';
import { NewStaffUser } from '../accounts.js';
import { staffMessages as m } from '../messages.js';
import { isRole, type Role } from '../permissions.js';
import { UserPage, UsersPage } from '../views/users.js';
import { field, type StaffRouteDeps, sendStaffPage } from './context.js';

const manage = { config: { access: { permission: 'users:manage' as const } } };
const UserParams = z.object({ id: z.uuid() });

function rolesFrom(body: unknown): Role[] {
  const raw = (body as Record<string, unknown> | null)?.roles;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((role): role is Role => typeof role === 'string' && isRole(role));
}

/** Administrators manage staff accounts. The service checks the permission again. */
export async function usersRoutes(app: FastifyInstance, deps: StaffRouteDeps): Promise<void> {
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

  app.get('/staff/users', manage, (request, reply) => list(request, reply));

  app.post('/staff/users', manage, async (request, reply) => {
    const values = {
      email: field(request.body, 'email'),
      displayName: field(request.body, 'displayName'),
      roles: rolesFrom(request.body),
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
  });

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { error?: string; notice?: string; link?: string; status?: number } = {},
  ) => {
    const params = UserParams.safeParse(request.params);
    const user = params.success ? await deps.accounts.get(request.staff!.actor, params.data.id) : null;
    if (!user) {
      const error = new Error('Not found') as Error & { statusCode: number };
      error.statusCode = 404;
      throw error;
    }
    return sendStaffPage(
      deps,
      request,
      reply,
      { title: user.displayName, path: '/staff/users', status: extra.status },
      <UserPage user={user} csrf={request.staff!.session.csrf_token} {...extra} />,
    );
  };

  app.get('/staff/users/:id', manage, (request, reply) => userPage(request, reply));

  const action = (
    path: string,
    run: (
      id: string,
      request: FastifyRequest,
    ) => Promise<{ ok: true; value: string | null } | { ok: false; reason: string }>,
    notice: string,
  ) =>
    app.post(`/staff/users/:id/${path}`, manage, async (request, reply) => {
      const params = UserParams.safeParse(request.params);
      if (!params.success) return userPage(request, reply);
      const result = await run(params.data.id, request);
      if (!result.ok) return userPage(request, reply, { error: result.reason, status: 400 });
      return userPage(request, reply, { notice, link: result.value ?? undefined });
    });

  action(
    'roles',
    (id, request) => deps.accounts.setRoles(request.staff!.actor, id, rolesFrom(request.body)),
    'Roles saved.',
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
