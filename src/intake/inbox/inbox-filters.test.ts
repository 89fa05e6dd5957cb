import assert from 'node:assert/strict';
import type { TestApp } from '../../../test/helpers/app.js';
import { appOnEachEngine } from '../../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, type StaffClient, type TestClock } from '../../../test/helpers/staff.js';
import { sendRequestForm } from '../../../test/helpers/submissions.js';

/**
 * The inbox as the front desk narrows it: by status, location, treatment and the day a request arrived
 * (a day in the clinic's time zone, America/Chicago, as the list shows it), with the counts per status,
 * and a status change that is audited.
 */

async function submitAt(
  app: TestApp['app'],
  clock: TestClock,
  at: string,
  name: string,
  answers: { location: string; treatment: string },
): Promise<void> {
  clock.ms = Date.parse(at);
  const sent = await sendRequestForm(app, {
    idempotency_key: `k-${name.replace(/\W/g, '')}-${Math.random().toString(36).slice(2)}`,
    name,
    contact_method: 'phone',
    phone: '312 555 0177',
    consent_privacy: 'yes',
    consent_contact: 'yes',
    ...answers,
  });
  assert.equal(sent.statusCode, 303);
}

/** The names listed on an inbox page, in order, and the count it states. */
async function listed(client: StaffClient, query: string): Promise<{ names: string[]; stated: string }> {
  const page = await client.get(`/staff/requests${query}`);
  assert.equal(page.statusCode, 200);
  const names = [...page.body.matchAll(/href="\/staff\/requests\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map(
    (m) => m[1]!,
  );
  const stated = /<p role="status">([^<]*)<\/p>/.exec(page.body)?.[1] ?? '';
  return { names, stated };
}

appOnEachEngine('the inbox filters and counts', (_engine, it) => {
  it(
    'status, location, treatment and days narrow the list; the tabs count each status',
    { content: 'none', env: { HAVEN_REQUEST_FORM_LIMIT: '1000' } },
    async (testApp, clock) => {
      const { app } = testApp;
      // Times in UTC; the comments give the clinic's own (Chicago) time, which the list shows.
      await submitAt(app, clock, '2026-11-20T15:00:00Z', 'Ada Lake', {
        location: 'lakeside',
        treatment: 'ketamine',
      }); // Fri 20 Nov, 9 AM
      await submitAt(app, clock, '2026-11-25T02:00:00Z', 'Ben Oak', {
        location: 'oak-park',
        treatment: 'tms',
      }); // Tue 24 Nov, 8 PM
      await submitAt(app, clock, '2026-11-25T15:00:00Z', 'Cal Unsure', {
        location: 'lakeside',
        treatment: 'not_sure',
      }); // Wed 25 Nov, 9 AM
      await submitAt(app, clock, '2026-11-26T05:30:00Z', 'Dee Late', {
        location: 'oak-park',
        treatment: 'ketamine',
      }); // Wed 25 Nov, 11:30 PM
      clock.ms = Date.parse('2026-11-26T15:00:00Z');
      const desk = await createStaffMember(app, clock, ['front_desk']);

      const all = (await desk.client.get('/staff/requests')).body;
      const idOf = (name: string) =>
        new RegExp(`href="/staff/requests/([0-9a-f-]{36})">${name}<`).exec(all)?.[1];
      assert.ok(all.includes('Nov 24, 2026, 8:00 PM'), 'the list shows the clinic’s time');
      for (const [name, status] of [
        ['Ben Oak', 'contacted'],
        ['Cal Unsure', 'closed'],
      ] as const) {
        const id = idOf(name);
        const page = (await desk.client.get(`/staff/requests/${id}`)).body;
        const saved = await desk.client.post(`/staff/requests/${id}/status`, { _csrf: csrfOf(page), status });
        assert.ok(saved.body.includes('Status saved.'));
      }

      const tabs = (await desk.client.get('/staff/requests')).body;
      for (const tab of [
        'All (4)',
        'New (2)',
        'Contacted (1)',
        'Consultation booked (0)',
        'Not a fit (0)',
        'No response (0)',
        'Closed (1)',
      ]) {
        assert.ok(tabs.includes(`${tab}</a>`), `the tab reads ${tab}`);
      }

      const cases: [string, string[]][] = [
        ['', ['Dee Late', 'Ada Lake', 'Cal Unsure', 'Ben Oak']],
        ['?status=new', ['Dee Late', 'Ada Lake']],
        ['?status=contacted', ['Ben Oak']],
        ['?status=closed', ['Cal Unsure']],
        ['?status=consultation_booked', []],
        ['?location=oak-park', ['Dee Late', 'Ben Oak']],
        ['?location=lakeside', ['Ada Lake', 'Cal Unsure']],
        ['?treatment=ketamine', ['Dee Late', 'Ada Lake']],
        ['?treatment=not_sure', ['Cal Unsure']],
        ['?treatment=tms', ['Ben Oak']],
        ['?from=2026-11-24&to=2026-11-24', ['Ben Oak']],
        ['?from=2026-11-25&to=2026-11-25', ['Dee Late', 'Cal Unsure']],
        ['?from=2026-11-21', ['Dee Late', 'Cal Unsure', 'Ben Oak']],
        ['?to=2026-11-24', ['Ada Lake', 'Ben Oak']],
        ['?status=new&location=oak-park', ['Dee Late']],
        ['?location=lakeside&treatment=tms', []],
      ];
      for (const [query, names] of cases) {
        const result = await listed(desk.client, query);
        assert.deepEqual(result.names, names, `${query || 'no filter'}: the list`);
        assert.equal(
          result.stated.trim(),
          `${names.length} request${names.length === 1 ? '' : 's'}`,
          `${query || 'no filter'}: the count`,
        );
      }
      const filtered = (
        await desk.client.get('/staff/requests?location=oak-park&treatment=tms&from=2026-11-24')
      ).body;
      assert.match(filtered, /<option value="oak-park" selected/, 'the chosen filters stay chosen');
      assert.match(filtered, /<option value="tms" selected/);
      assert.match(filtered, /id="from" name="from" type="date" value="2026-11-24"/);
    },
  );

  it(
    'a status change is written to the audit log and the timeline; a made-up status changes nothing',
    { content: 'none' },
    async (testApp, clock) => {
      const { app } = testApp;
      await submitAt(app, clock, '2026-11-25T15:00:00Z', 'Fay Audit', {
        location: 'lakeside',
        treatment: 'tms',
      });
      const desk = await createStaffMember(app, clock, ['front_desk']);
      const { id } = await testApp.db.handle.db
        .selectFrom('appointment_requests')
        .select('id')
        .executeTakeFirstOrThrow();
      const page = (await desk.client.get(`/staff/requests/${id}`)).body;
      const wrong = await desk.client.post(`/staff/requests/${id}/status`, {
        _csrf: csrfOf(page),
        status: 'lost',
      });
      assert.equal(wrong.statusCode, 400);
      assert.ok(wrong.body.includes('Choose a status from the list.'));
      const saved = await desk.client.post(`/staff/requests/${id}/status`, {
        _csrf: csrfOf(page),
        status: 'consultation_booked',
      });
      assert.ok(saved.body.includes('<dt>Status</dt><dd>Consultation booked</dd>'));
      assert.ok(saved.body.includes('status New → Consultation booked'), 'the timeline shows the change');
      const entries = await testApp.db.handle.db
        .selectFrom('audit_events')
        .select(['action', 'actor_id', 'target_id', 'outcome', 'details'])
        .where('action', '=', 'request.status')
        .execute();
      assert.equal(entries.length, 1, 'one audit entry, for the change that was made');
      const [entry] = entries;
      assert.equal(entry!.actor_id, desk.id);
      assert.equal(entry!.target_id, id);
      assert.equal(entry!.outcome, 'success');
      assert.deepEqual(JSON.parse(String(entry!.details)), { status: 'consultation_booked' });
    },
  );
});
