import { waitingLabel } from '../../web/waiting.js';
import type { SignedIn } from '../sessions.js';
import type { RequestWork } from '../work.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What needs doing now, each linking to the work; only what the viewer's role covers. */
function NeedsDoing({
  can,
  requests,
  failedMail,
  now,
}: {
  can: (permission: Parameters<SignedIn['actor']['permissions']['has']>[0]) => boolean;
  requests: RequestWork | null;
  failedMail: number;
  now: Date;
}) {
  const items = [];
  if (requests) {
    const oldest = requests.urgentOldest;
    items.push(
      requests.urgentOpen > 0 ? (
        <li class="work work-urgent" key="urgent">
          <a href="/staff/requests">
            <strong>{plural(requests.urgentOpen, 'urgent safety review')} open</strong>
          </a>
          {oldest ? `, the longest ${waitingLabel(oldest.since, now)}. ` : '. '}
          {oldest && can('requests:read_contact') ? (
            <a href={`/staff/requests/${oldest.requestId}`}>Open the one waiting longest</a>
          ) : null}
          {can('safety:acknowledge') ? null : ' Tell a clinician: only they can close a review.'}
        </li>
      ) : (
        <li class="work" key="urgent">
          No urgent safety reviews are open.
        </li>
      ),
    );
    items.push(
      <li class="work" key="new">
        {requests.newRequests > 0 ? (
          <a href="/staff/requests?status=new">{plural(requests.newRequests, 'new request')} to call back</a>
        ) : (
          'No new requests.'
        )}
      </li>,
    );
  }
  if (failedMail > 0) {
    items.push(
      <li class="work work-warning" key="mail">
        {can('settings:manage') ? (
          <a href="/staff/settings">{plural(failedMail, 'email')} failed for good</a>
        ) : (
          `${plural(failedMail, 'email')} failed for good: tell whoever runs Haven.`
        )}
      </li>,
    );
  }
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="needs-doing">
      <h2 id="needs-doing">Needs doing now</h2>
      <ul class="work-list">{items}</ul>
    </section>
  );
}

export function Overview({
  signedIn,
  requests,
  failedMail,
  now,
}: {
  signedIn: SignedIn;
  requests: RequestWork | null;
  failedMail: number;
  now: Date;
}) {
  const can = (permission: Parameters<SignedIn['actor']['permissions']['has']>[0]) =>
    signedIn.actor.permissions.has(permission);
  return (
    <>
      <h1>Hello, {signedIn.user.display_name}</h1>
      <NeedsDoing can={can} requests={requests} failedMail={failedMail} now={now} />
      <h2>Everything else</h2>
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
