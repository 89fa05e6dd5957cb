import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf } from '../../test/helpers/staff.js';
import { answerItem9, has, personWithRequest } from './test-person.js';

/**
 * Issue 13: the urgent box gives the person's number as one tap to call, every outcome needs a note, and
 * "reached the person" needs the clinician's confirmation; the note is sealed, audited with the outcome,
 * read by clinicians only, and the page says what was recorded.
 */

const MARKER = `kestrel-${Math.random().toString(36).slice(2, 9)}`;

appOnEachEngine('recording an urgent review’s outcome', (_engine, it) => {
  it(
    'needs a note and, for “reached”, a confirmation; the note is sealed and clinicians read it',
    { content: 'none' },
    async (testApp, clock) => {
      const db = testApp.db.handle.db;
      const { person, requestId } = await personWithRequest(testApp);
      await answerItem9(person, '2');
      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      const page = (await clinician.client.get(`/staff/requests/${requestId}`)).body;
      has(page, '<a href="tel:+13125550144">+1 312 555 0144</a>', 'the number as a tap-to-call link');
      const csrf = csrfOf(page);
      const url = `/staff/requests/${requestId}/safety`;

      const empty = await clinician.client.post(url, { _csrf: csrf, outcome: 'reached', note: '  ' });
      assert.equal(empty.statusCode, 400);
      has(empty.body, 'Write a short note of what you did.');
      has(empty.body, 'tick “I spoke with the person and assessed their safety”');
      has(empty.body, 'id="safety-outcome-reached" name="outcome" value="reached" checked');

      const unconfirmed = await clinician.client.post(url, {
        _csrf: csrf,
        outcome: 'reached',
        note: `Spoke. ${MARKER}`,
      });
      assert.equal(unconfirmed.statusCode, 400, 'reached without the confirmation is refused');
      has(unconfirmed.body, `Spoke. ${MARKER}</textarea>`, 'the form keeps what was typed');
      has(unconfirmed.body, 'tel:+13125550144', 'the number is still one tap away');
      const stillOpen = await db
        .selectFrom('appointment_requests')
        .select('safety_closed_at')
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      assert.equal(stillOpen.safety_closed_at, null);

      const tried = await clinician.client.post(url, {
        _csrf: csrf,
        outcome: 'could_not_reach',
        note: 'Voicemail, no message left.',
      });
      assert.equal(tried.statusCode, 303);
      assert.equal(tried.headers.location, `/staff/requests/${requestId}?done=safety-attempt`);
      has(
        (await clinician.client.get(String(tried.headers.location))).body,
        'Attempt recorded: the urgent safety review stays open.',
      );

      const reached = await clinician.client.post(url, {
        _csrf: csrf,
        outcome: 'reached',
        confirm: 'yes',
        note: `Spoke for 20 minutes; safety plan agreed. ${MARKER}`,
      });
      assert.equal(reached.statusCode, 303);
      const after = (await clinician.client.get(String(reached.headers.location))).body;
      has(after, 'Outcome recorded: the urgent safety review is closed.');
      has(after, `safety plan agreed. ${MARKER}`, 'the note is in the timeline for clinicians');

      const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
      const deskPage = (await desk.client.get(`/staff/requests/${requestId}`)).body;
      assert.ok(!deskPage.includes(MARKER), 'front desk does not read the assessment');

      const events = await db
        .selectFrom('appointment_request_events')
        .select(['kind', 'sealed_note'])
        .where('request_id', '=', requestId)
        .execute();
      const safety = events.filter((e) => e.kind.startsWith('safety.'));
      assert.deepEqual(safety.map((e) => e.kind).sort(), ['safety.could_not_reach', 'safety.reached']);
      for (const event of safety) {
        assert.ok(event.sealed_note, 'every outcome has its note');
        assert.ok(
          !event.sealed_note.includes(MARKER) && !event.sealed_note.includes('Voicemail'),
          'sealed, not plain',
        );
      }
      const audit = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', 'like', 'safety.%')
        .execute();
      assert.deepEqual(audit.map((e) => e.action).sort(), ['safety.attempt', 'safety.close', 'safety.flag']);
      assert.ok(!JSON.stringify(audit).includes(MARKER), 'the note is not in the audit log');
      assert.ok(!testApp.logs.text.includes(MARKER), 'nor in the log');
    },
  );
});
