import type { ComponentChildren } from 'preact';
import type { ClinicProfile } from '../../platform/config/clinic.js';
import { treatmentNames } from '../../web/messages.js';
import { waitingLabel } from '../../web/waiting.js';
import { intakeMessages as m } from '../messages.js';
import { type InboxRow, type RequestDetail, SEARCH_WINDOW } from './inbox.js';
import { readablePhone } from './phone.js';
import { CALL_OUTCOMES, STATUS_LABELS, STATUSES } from './statuses.js';

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
const treatmentLabel = (treatment: string) =>
  treatment === 'not_sure'
    ? 'Not sure'
    : ((treatmentNames as Record<string, string>)[treatment] ?? treatment);
const SAFETY_EVENTS: Record<string, string> = {
  'safety.reached': 'reached the person (closed)',
  'safety.emergency_referral': 'referred to emergency services (closed)',
  'safety.could_not_reach': 'tried, could not reach them',
};
const statusLabel = (status: string) => (STATUS_LABELS as Record<string, string>)[status] ?? status;

export interface InboxFilters {
  status: string;
  location: string;
  treatment: string;
  from: string;
  to: string;
  q: string;
}

export function InboxPage({
  rows,
  total,
  searchWindowCut,
  counts,
  filters,
  clinic,
  people,
  canExport,
  nextHref,
  now,
}: {
  rows: InboxRow[];
  total: number;
  /** A name or phone search stopped at the newest SEARCH_WINDOW requests: older ones were not searched. */
  searchWindowCut: boolean;
  counts: Map<string, number>;
  filters: InboxFilters;
  clinic: ClinicProfile;
  people: Map<string, string>;
  canExport: boolean;
  nextHref: string | null;
  /** The clock, for how long an urgent review has waited. */
  now: Date;
}) {
  const locationName = (id: string) => clinic.locations.find((l) => l.id === id)?.name ?? id;
  const filtering = Boolean(filters.q || filters.location || filters.treatment || filters.from || filters.to);
  return (
    <>
      <h1>Appointment requests</h1>
      <nav aria-label="Requests by status">
        <ul class="status-tabs">
          <li>
            <a href="/staff/requests" aria-current={filters.status === '' ? 'page' : undefined}>
              All ({[...counts.values()].reduce((a, b) => a + b, 0)})
            </a>
          </li>
          {STATUSES.map((status) => (
            <li key={status}>
              <a
                href={`/staff/requests?status=${status}`}
                aria-current={filters.status === status ? 'page' : undefined}
              >
                {STATUS_LABELS[status]} ({counts.get(status) ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {/* Folded away until used, so on a phone the first request shows without scrolling (issue 13). */}
      <details class="filter-panel" open={filtering} data-open-wide={filtering ? undefined : ''}>
        <summary>Filter and search</summary>
        <form method="get" action="/staff/requests" class="filters">
          <input type="hidden" name="status" value={filters.status} />
          <div class="field">
            <label for="q">Name or phone</label>
            <input id="q" name="q" type="search" value={filters.q} />
          </div>
          <div class="field">
            <label for="location">Location</label>
            <select id="location" name="location">
              <option value="">Any</option>
              {clinic.locations.map((l) => (
                <option key={l.id} value={l.id} selected={filters.location === l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="treatment">Treatment</label>
            <select id="treatment" name="treatment">
              {['', 'ketamine', 'tms', 'not_sure'].map((t) => (
                <option key={t} value={t} selected={filters.treatment === t}>
                  {t === '' ? 'Any' : treatmentLabel(t)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="from">Received from</label>
            <input id="from" name="from" type="date" value={filters.from} />
          </div>
          <div class="field">
            <label for="to">Received until</label>
            <input id="to" name="to" type="date" value={filters.to} />
          </div>
          <button type="submit">Show</button>
        </form>
      </details>
      <p role="status">
        {total} request{total === 1 ? '' : 's'}
        {searchWindowCut
          ? `. Searched the newest ${SEARCH_WINDOW.toLocaleString('en-US')} requests; narrow by date to search older ones.`
          : ''}
      </p>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Requests (scrolls sideways)">
        <table class="data inbox-table">
          <caption class="visually-hidden">Appointment requests, new first</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Name</th>
              <th scope="col">Reach by</th>
              <th scope="col">Location</th>
              <th scope="col">Treatment</th>
              <th scope="col">Status</th>
              <th scope="col">Assigned to</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td data-label="Received">{when(row.createdAt, clinic.timeZone)}</td>
                <td class="inbox-name">
                  <a href={`/staff/requests/${row.id}`}>{row.name}</a>
                  {row.urgent ? (
                    <>
                      <strong class="tag tag-urgent"> Urgent safety review</strong>
                      {row.urgentSince ? (
                        <span class="waiting"> {waitingLabel(row.urgentSince, now)}</span>
                      ) : null}
                    </>
                  ) : null}
                  {row.minor ? <strong class="tag"> Under 18</strong> : null}
                </td>
                <td data-label="Reach by">{row.contactMethod}</td>
                <td data-label="Location">{locationName(row.location)}</td>
                <td data-label="Treatment">{treatmentLabel(row.treatment)}</td>
                <td data-label="Status">{statusLabel(row.status)}</td>
                <td data-label="Assigned to">
                  {row.assigneeId ? (people.get(row.assigneeId) ?? 'someone') : 'nobody'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextHref ? (
        <p>
          <a href={nextHref}>More requests</a>
        </p>
      ) : null}
      {canExport ? (
        <p>
          <a href="/staff/requests/export">Export requests as a spreadsheet (CSV)</a>
        </p>
      ) : null}
    </>
  );
}

export function RequestPage({
  detail,
  clinic,
  csrf,
  people,
  can,
  notice,
  error,
  sections,
}: {
  detail: RequestDetail;
  clinic: ClinicProfile;
  csrf: string;
  people: Map<string, string>;
  can: { changeStatus: boolean; addNote: boolean; readScreening: boolean };
  notice?: string;
  error?: string;
  /** Parts other features add to the page (screening and the urgent safety review), placed first. */
  sections?: ComponentChildren;
}) {
  const { row, person, timeline } = detail;
  const hidden = <input type="hidden" name="_csrf" value={csrf} />;
  const concerns = person.concerns.map((c) => (m.concernLabels as Record<string, string>)[c] ?? c).join(', ');
  return (
    <>
      <p>
        <a href="/staff/requests">All requests</a>
      </p>
      <h1>{person.name}</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="notice notice-warning" role="alert">
          {error}
        </p>
      ) : null}
      {sections}
      {Number(row.concerns_minor) === 1 ? (
        <p class="notice notice-warning">Under 18: a parent or guardian must be involved.</p>
      ) : null}
      <dl class="details">
        <dt>Status</dt>
        <dd>{statusLabel(row.status)}</dd>
        <dt>Received</dt>
        <dd>{when(row.created_at, clinic.timeZone)}</dd>
        <dt>Reach by</dt>
        <dd>
          {row.contact_method}
          {Number(row.sms_consent) === 1 ? ' (agreed to texts)' : ''}
        </dd>
        <dt>Phone</dt>
        <dd>
          {person.phone ? (
            <a href={readablePhone(person.phone).href}>{readablePhone(person.phone).text}</a>
          ) : (
            '—'
          )}
        </dd>
        <dt>Email</dt>
        <dd>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—'}</dd>
        <dt>Date of birth</dt>
        <dd>{person.dob ?? '—'}</dd>
        <dt>Location</dt>
        <dd>{clinic.locations.find((l) => l.id === row.location)?.name ?? row.location}</dd>
        <dt>Treatment</dt>
        <dd>{treatmentLabel(row.treatment)}</dd>
        <dt>Help with</dt>
        <dd>{concerns || '—'}</dd>
        <dt>Best times</dt>
        <dd>{person.times || '—'}</dd>
        <dt>Heard of us</dt>
        <dd>{person.referral || '—'}</dd>
        <dt>Insurance</dt>
        <dd>{person.insurance || '—'}</dd>
        <dt>Referring clinician</dt>
        <dd>{person.referrer || '—'}</dd>
        <dt>Assigned to</dt>
        <dd>{row.assignee_id ? (people.get(row.assignee_id) ?? 'someone') : 'nobody'}</dd>
      </dl>
      <h2>Their message</h2>
      <p class="message">{person.message || '(none)'}</p>
      {can.changeStatus ? (
        <>
          <h2>Calls and status</h2>
          <div class="actions">
            {Object.entries(CALL_OUTCOMES).map(([outcome, { label }]) => (
              <form method="post" action={`/staff/requests/${row.id}/call`} class="inline-form" key={outcome}>
                {hidden}
                <input type="hidden" name="outcome" value={outcome} />
                <button type="submit" class="button-secondary">
                  {label}
                </button>
              </form>
            ))}
          </div>
          <form method="post" action={`/staff/requests/${row.id}/status`} class="filters">
            {hidden}
            <div class="field">
              <label for="status">Set status</label>
              <select id="status" name="status">
                {STATUSES.map((status) => (
                  <option key={status} value={status} selected={row.status === status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Save status</button>
          </form>
          <form method="post" action={`/staff/requests/${row.id}/assign`} class="filters">
            {hidden}
            <div class="field">
              <label for="assignee">Assign to</label>
              <select id="assignee" name="assignee">
                <option value="">Nobody</option>
                {[...people].map(([id, name]) => (
                  <option key={id} value={id} selected={row.assignee_id === id}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Assign</button>
          </form>
        </>
      ) : null}
      {can.addNote ? (
        <form method="post" action={`/staff/requests/${row.id}/notes`} class="narrow">
          {hidden}
          <div class="field">
            <label for="note">Add a note</label>
            <p class="hint" id="note-hint">
              Notes are stored encrypted and kept in this request's timeline.
            </p>
            <textarea id="note" name="note" rows={3} aria-describedby="note-hint" />
          </div>
          <button type="submit">Add note</button>
        </form>
      ) : null}
      <h2>Timeline</h2>
      <ol class="timeline">
        <li>{when(row.created_at, clinic.timeZone)}: request received</li>
        {timeline.map((entry) => (
          <li key={`${entry.at}-${entry.kind}`}>
            {when(entry.at, clinic.timeZone)},{' '}
            {entry.actorId ? (people.get(entry.actorId) ?? 'a former colleague') : 'system'}:{' '}
            {entry.kind === 'note'
              ? `note: ${entry.note}`
              : entry.kind.startsWith('safety.')
                ? `urgent safety review: ${SAFETY_EVENTS[entry.kind] ?? entry.kind}`
                : entry.kind.startsWith('call.')
                  ? ((CALL_OUTCOMES as Record<string, { label: string }>)[entry.kind.slice(5)]?.label ??
                    entry.kind)
                  : entry.kind === 'status'
                    ? `status ${statusLabel(entry.statusFrom ?? '')} → ${statusLabel(entry.statusTo ?? '')}`
                    : entry.kind}
            {/* The outcome note of an urgent review tells why it was open: clinicians only (decision 017). */}
            {entry.kind.startsWith('safety.') && entry.note && can.readScreening
              ? `. Note: ${entry.note}`
              : ''}
            {entry.kind.startsWith('call.') && entry.statusTo
              ? ` (status → ${statusLabel(entry.statusTo)})`
              : ''}
          </li>
        ))}
      </ol>
    </>
  );
}
