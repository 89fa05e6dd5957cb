import type { AuditEntry } from '../../platform/audit/index.js';

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(
    new Date(iso),
  );

export interface AuditFilterValues {
  action: string;
  outcome: string;
  actorId: string;
  targetId: string;
}

export function AuditPageView({
  events,
  filters,
  nextHref,
  timeZone,
  people,
}: {
  events: AuditEntry[];
  filters: AuditFilterValues;
  nextHref: string | null;
  timeZone: string;
  people: Map<string, string>;
}) {
  return (
    <>
      <h1>Audit log</h1>
      <p>
        Every sign-in, account change and view or change of health information, newest first. Entries cannot
        be edited; `npm run haven -- audit verify` checks the chain.
      </p>
      <form method="get" action="/staff/audit" class="filters">
        <div class="field">
          <label for="action">Action starts with</label>
          <input id="action" name="action" type="text" value={filters.action} />
        </div>
        <div class="field">
          <label for="outcome">Outcome</label>
          <select id="outcome" name="outcome">
            {['', 'success', 'failure', 'denied'].map((outcome) => (
              <option key={outcome} value={outcome} selected={filters.outcome === outcome}>
                {outcome === '' ? 'Any' : outcome}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="actorId">Staff member</label>
          <select id="actorId" name="actorId">
            <option value="">Anyone</option>
            {[...people].map(([id, label]) => (
              <option key={id} value={id} selected={filters.actorId === id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="targetId">Record id</label>
          <input id="targetId" name="targetId" type="text" value={filters.targetId} />
        </div>
        <button type="submit">Filter</button>
      </form>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Audit entries (scrolls sideways)">
        <table class="data">
          <caption class="visually-hidden">Audit entries</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Record</th>
              <th scope="col">Address</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.seq}>
                <td>{event.seq}</td>
                <td>{when(event.at, timeZone)}</td>
                <td>{event.actorId ? (people.get(event.actorId) ?? event.actorId) : event.actorKind}</td>
                <td>{event.action}</td>
                <td>{event.outcome}</td>
                <td>{event.targetType ? `${event.targetType} ${event.targetId ?? ''}` : ''}</td>
                <td>{event.ip ?? ''}</td>
                <td>
                  {Object.entries(event.details)
                    .map(([key, value]) => `${key}: ${String(value)}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {events.length === 0 ? <p>No entries match.</p> : null}
      {nextHref ? (
        <p>
          <a href={nextHref}>Older entries</a>
        </p>
      ) : null}
    </>
  );
}
