import { ErrorSummary, Field, type FieldError } from '../../web/components/form.js';
import { staffMessages as m } from '../messages.js';
import { ROLE_LABELS, type Role } from '../permissions.js';
import type { StaffSessionRow } from '../repository.js';

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );

export interface AccountView {
  email: string;
  displayName: string;
  roles: Role[];
  recoveryCodesLeft: number;
  sessions: StaffSessionRow[];
  currentSessionId: string;
  fresh: boolean;
  csrf: string;
  timeZone: string;
  errors: FieldError[];
  notice?: string;
}

export function AccountPage(view: AccountView) {
  const hidden = <input type="hidden" name="_csrf" value={view.csrf} />;
  return (
    <>
      <h1>{m.account}</h1>
      {view.notice ? (
        <p class="notice" role="status">
          {view.notice}
        </p>
      ) : null}
      <ErrorSummary title={m.errorSummaryTitle} errors={view.errors} />
      <dl>
        <dt>Name</dt>
        <dd>{view.displayName}</dd>
        <dt>{m.email}</dt>
        <dd>{view.email}</dd>
        <dt>Roles</dt>
        <dd>{view.roles.map((role) => ROLE_LABELS[role]).join(', ')}</dd>
        <dt>Recovery codes left</dt>
        <dd>{view.recoveryCodesLeft}</dd>
      </dl>

      <h2>Password and authenticator</h2>
      {view.fresh ? (
        <>
          <form method="post" action="/staff/account/password" novalidate class="narrow">
            {hidden}
            <Field
              name="password"
              label="New password"
              type="password"
              autocomplete="new-password"
              error={view.errors.find((e) => e.field === 'password')?.message}
              hint="12 to 128 characters. Changing it signs you out everywhere else."
            />
            <Field
              name="confirm"
              label="Type the new password again"
              type="password"
              autocomplete="new-password"
              error={view.errors.find((e) => e.field === 'confirm')?.message}
            />
            <button type="submit">Change password</button>
          </form>
          <form method="post" action="/staff/account/authenticator">
            {hidden}
            <p>Moving to a new phone? Connect a new authenticator app; the old one stops working.</p>
            <button type="submit" class="button-secondary">
              Set up a new authenticator app
            </button>
          </form>
          <form method="post" action="/staff/account/recovery-codes">
            {hidden}
            <p>New recovery codes replace all the old ones.</p>
            <button type="submit" class="button-secondary">
              Make new recovery codes
            </button>
          </form>
        </>
      ) : (
        <form method="post" action="/staff/account/confirm" novalidate class="narrow">
          {hidden}
          <p>To change your password, authenticator app or recovery codes, first confirm it is you.</p>
          <Field
            name="password"
            label="Your current password"
            type="password"
            autocomplete="current-password"
            error={view.errors.find((e) => e.field === 'password')?.message}
          />
          <Field name="code" label={m.code} autocomplete="one-time-code" inputmode="numeric" />
          <button type="submit">Confirm</button>
        </form>
      )}

      <h2>Where you are signed in</h2>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Your active sessions (scrolls sideways)">
        <table class="data">
          <caption class="visually-hidden">Your active sessions</caption>
          <thead>
            <tr>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Address</th>
              <th scope="col">Browser</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.sessions.map((session) => (
              <tr key={session.id}>
                <td>{when(session.created_at, view.timeZone)}</td>
                <td>{when(session.last_seen_at, view.timeZone)}</td>
                <td>{session.ip ?? 'unknown'}</td>
                <td>{session.user_agent ?? 'unknown'}</td>
                <td>
                  {session.id === view.currentSessionId ? (
                    'This browser'
                  ) : (
                    <form method="post" action="/staff/account/sessions/end" class="inline-form">
                      {hidden}
                      <input type="hidden" name="sessionId" value={session.id} />
                      <button type="submit" class="button-secondary">
                        Sign out this session
                        <span class="visually-hidden"> from {when(session.created_at, view.timeZone)}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/staff/account/sessions/end-all">
        {hidden}
        <input type="hidden" name="keepCurrent" value="yes" />
        <button type="submit" class="button-secondary">
          Sign out everywhere else
        </button>
      </form>
      <form method="post" action="/staff/account/sessions/end-all">
        {hidden}
        <button type="submit" class="button-secondary">
          Sign out everywhere, including here
        </button>
      </form>
    </>
  );
}
