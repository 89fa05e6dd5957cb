import { ErrorSummary, Field, type FieldError } from '../../web/components/form.js';
import type { StaffUserView } from '../accounts.js';
import { staffMessages as m } from '../messages.js';
import { ROLE_LABELS, ROLES, type Role } from '../permissions.js';

function RoleChoices({ chosen, error }: { chosen: readonly Role[]; error?: string }) {
  return (
    <fieldset
      class={error ? 'field field-error' : 'field'}
      id="roles"
      aria-describedby={error ? 'roles-error' : undefined}
    >
      <legend>Roles</legend>
      {error ? (
        <p class="error-message" id="roles-error">
          {error}
        </p>
      ) : null}
      {ROLES.map((role) => (
        <label class="checkbox" key={role}>
          <input type="checkbox" name="roles" value={role} checked={chosen.includes(role)} />{' '}
          {ROLE_LABELS[role]}
        </label>
      ))}
    </fieldset>
  );
}

export function OneTimeLink({ link, who }: { link: string; who: string }) {
  return (
    <div class="notice" role="status">
      <p>
        Give this one-time link to {who} in person or by a channel you trust. It works once, for 24 hours, and
        is shown only now:
      </p>
      <p>
        <code>{link}</code>
      </p>
    </div>
  );
}

export function UsersPage({
  users,
  csrf,
  errors,
  values,
  created,
}: {
  users: StaffUserView[];
  csrf: string;
  errors: FieldError[];
  values: { email: string; displayName: string; roles: Role[] };
  created?: { link: string; email: string };
}) {
  const errorFor = (name: string) => errors.find((error) => error.field === name)?.message;
  return (
    <>
      <h1>{m.users}</h1>
      {created ? <OneTimeLink link={created.link} who={created.email} /> : null}
      <div class="table-wrap" tabindex={0} role="region" aria-label="Staff accounts (scrolls sideways)">
        <table class="data">
          <caption class="visually-hidden">Staff accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">{m.email}</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>
                  <a href={`/staff/users/${user.id}`}>{user.displayName}</a>
                </td>
                <td>{user.email}</td>
                <td>{user.roles.map((role) => ROLE_LABELS[role]).join(', ')}</td>
                <td>{user.disabled ? 'Disabled' : user.mfaEnrolled ? 'Active' : 'Setup not finished'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Add a staff member</h2>
      <ErrorSummary title={m.errorSummaryTitle} errors={errors} />
      <form method="post" action="/staff/users" novalidate class="narrow">
        <input type="hidden" name="_csrf" value={csrf} />
        <Field
          name="displayName"
          label="Name"
          value={values.displayName}
          error={errorFor('displayName')}
          autocomplete="off"
        />
        <Field
          name="email"
          label={m.email}
          type="email"
          value={values.email}
          error={errorFor('email')}
          autocomplete="off"
        />
        <RoleChoices chosen={values.roles} error={errorFor('roles')} />
        <button type="submit">Add and make a setup link</button>
      </form>
    </>
  );
}

export function UserPage({
  user,
  csrf,
  error,
  notice,
  link,
}: {
  user: StaffUserView;
  csrf: string;
  error?: string;
  notice?: string;
  link?: string;
}) {
  const hidden = <input type="hidden" name="_csrf" value={csrf} />;
  return (
    <>
      <h1>{user.displayName}</h1>
      <p>
        {user.email} · {user.disabled ? 'Disabled' : user.mfaEnrolled ? 'Active' : 'Setup not finished'}
      </p>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {link ? <OneTimeLink link={link} who={user.email} /> : null}
      <ErrorSummary title={m.errorSummaryTitle} errors={error ? [{ field: 'roles', message: error }] : []} />
      <form method="post" action={`/staff/users/${user.id}/roles`}>
        {hidden}
        <RoleChoices chosen={user.roles} />
        <button type="submit">Save roles</button>
      </form>
      <h2>Access</h2>
      <form method="post" action={`/staff/users/${user.id}/${user.disabled ? 'enable' : 'disable'}`}>
        {hidden}
        <p>
          {user.disabled
            ? 'Enabling lets this person sign in again.'
            : 'Disabling signs this person out everywhere and stops them signing in. Their history stays in the audit log.'}
        </p>
        <button type="submit" class="button-secondary">
          {user.disabled ? 'Enable account' : 'Disable account'}
        </button>
      </form>
      <form method="post" action={`/staff/users/${user.id}/end-sessions`}>
        {hidden}
        <p>
          A lost laptop or phone? Ending every session signs this person out everywhere and forgets the
          devices they signed in on. Their account stays open.
        </p>
        <button type="submit" class="button-secondary">
          End all sessions
        </button>
      </form>
      <form method="post" action={`/staff/users/${user.id}/reset-mfa`}>
        {hidden}
        <p>
          Lost phone and recovery codes? Resetting removes the authenticator, signs them out and makes a new
          setup link.
        </p>
        <button type="submit" class="button-secondary">
          Reset authenticator
        </button>
      </form>
      <p>
        <a href="/staff/users">All staff members</a>
      </p>
    </>
  );
}
