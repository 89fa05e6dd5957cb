import type { ClinicProfile } from '../../platform/config/clinic.js';
import { NOT_SURE } from '../../platform/config/treatments.js';
import { waitingLabel } from '../../web/waiting.js';
import { statusLabel, treatmentLabel, when } from './format.js';
import { type InboxRow, SEARCH_WINDOW } from './inbox.js';
import { STATUS_LABELS, STATUSES } from './statuses.js';

export { RequestPage } from './request-page.js';

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
              {['', ...clinic.treatments.map((treatment) => treatment.id), NOT_SURE].map((t) => (
                <option key={t} value={t} selected={filters.treatment === t}>
                  {t === '' ? 'Any' : treatmentLabel(clinic.treatments, t)}
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
                <td data-label="Treatment">{treatmentLabel(clinic.treatments, row.treatment)}</td>
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
