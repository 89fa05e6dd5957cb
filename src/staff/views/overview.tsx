import type { SignedIn } from '../sessions.js';

export function Overview({ signedIn }: { signedIn: SignedIn }) {
  const can = (permission: Parameters<SignedIn['actor']['permissions']['has']>[0]) =>
    signedIn.actor.permissions.has(permission);
  return (
    <>
      <h1>Hello, {signedIn.user.display_name}</h1>
      <ul>
        {can('requests:list') ? (
          <li>
            <a href="/staff/requests">
              Appointment requests: new ones first, urgent safety reviews at the top
            </a>
          </li>
        ) : null}
        {can('content:edit') ? (
          <li>Site content is imported from Markdown for now: see content/README.md.</li>
        ) : null}
        {can('users:manage') ? (
          <li>
            <a href="/staff/users">Manage staff accounts</a>
          </li>
        ) : null}
        {can('settings:manage') ? (
          <li>
            <a href="/staff/settings">Settings: email, data, sign-in limits, and checks</a>
          </li>
        ) : null}
        {can('audit:read') ? (
          <li>
            <a href="/staff/audit">Read the audit log</a>
          </li>
        ) : null}
        <li>
          <a href="/staff/account">Your account: password, authenticator app and sessions</a>
        </li>
      </ul>
    </>
  );
}
