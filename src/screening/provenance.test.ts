import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, staffClient } from '../../test/helpers/staff.js';
import { answer, answerEverything, has, personWithRequest, sendAnswers } from './test-person.js';

/**
 * Issue 12, "provenance" (decision 017): a clinician sees which link each response came through, when it
 * was made and by whom; the audit entries of what a person saves name the staff member who made the link;
 * and no link can be made once the person has sent their answers.
 */

appOnEachEngine('where screening answers came from', (_engine, it) => {
  it(
    'each response shows its link, when and by whom it was made; the audit names the maker; no link after the answers are sent',
    { content: 'none' },
    async (testApp, clock) => {
      const db = testApp.db.handle.db;
      const { person, requestId } = await personWithRequest(testApp, { concerns: ['depression'] });
      await answer(
        person,
        { section: 'phq-9', group: 'phq9-page-1' },
        { 'phq9-1': '1', 'phq9-2': '1', 'phq9-3': '1' },
      );

      const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
      const made = await desk.client.post(`/staff/requests/${requestId}/screening/invite`, {
        _csrf: csrfOf((await desk.client.get(`/staff/requests/${requestId}`)).body),
      });
      assert.equal(made.statusCode, 200);
      const link = new URL(/<code>(http[^<]+)<\/code>/.exec(made.body)![1]!.replaceAll('&amp;', '&'));
      const phone = staffClient(testApp.app);
      await phone.get(`${link.pathname}${link.search}`);
      await answer(
        phone,
        { section: 'gad-7', group: 'gad7-page-1' },
        {
          'gad7-1': '2',
          'gad7-2': '2',
          'gad7-3': '2',
          'gad7-4': '2',
        },
      );

      const invitations = await db
        .selectFrom('screening_invitations')
        .select(['id', 'created_by'])
        .where('request_id', '=', requestId)
        .orderBy('created_at')
        .execute();
      const [formLink, deskLink] = invitations;
      assert.ok(formLink && deskLink);
      assert.equal(deskLink.created_by, desk.id);

      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      const page = (await clinician.client.get(`/staff/requests/${requestId}/screening`)).body;
      has(
        page,
        `link ${formLink.id.slice(-8)}, made by the request form for the browser that sent it on Nov`,
      );
      has(page, `link ${deskLink.id.slice(-8)}, made by Test front_desk on`);

      const saves = await db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'screening.save')
        .where('target_id', '=', requestId)
        .execute();
      const makers = saves.map(
        (entry) => (JSON.parse(String(entry.details)) as Record<string, string>).link_created_by,
      );
      assert.deepEqual(makers.sort(), [desk.id, 'request_form'].sort(), 'each save names who made its link');

      await answerEverything(person);
      await sendAnswers(person);
      const again = await desk.client.post(`/staff/requests/${requestId}/screening/invite`, {
        _csrf: csrfOf((await desk.client.get(`/staff/requests/${requestId}`)).body),
      });
      assert.equal(again.statusCode, 409);
      has(again.body, 'No new link was made: this person has already sent their answers.');
      assert.doesNotMatch(again.body, /screening\?token=/, 'no link on the page');
      assert.equal(
        (
          await db
            .selectFrom('screening_invitations')
            .select('id')
            .where('request_id', '=', requestId)
            .execute()
        ).length,
        2,
        'no invitation was made',
      );
      const refused = await db
        .selectFrom('audit_events')
        .select(['actor_id', 'outcome'])
        .where('action', '=', 'screening.invite')
        .where('outcome', '=', 'denied')
        .execute();
      assert.deepEqual(refused, [{ actor_id: desk.id, outcome: 'denied' }], 'the refusal is audited');
    },
  );

  it(
    'a link made after the person had sent their answers (as before the refusal existed) is flagged on the answers page',
    { content: 'none' },
    async (testApp, clock) => {
      const { person, requestId } = await personWithRequest(testApp, { concerns: ['depression'] });
      await answerEverything(person);
      await sendAnswers(person);
      clock.advance(60_000);
      const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
      // Straight through the service, as a link made before the refusal was: the route refuses it now.
      const token = await testApp.db.handle.db
        .transaction()
        .execute((trx) => testApp.app.screening.invite(trx, requestId, desk.id));
      const late = staffClient(testApp.app);
      await late.get(`/screening?token=${token}`);
      await answer(
        late,
        { section: 'phq-9', group: 'phq9-page-1' },
        { 'phq9-1': '3', 'phq9-2': '3', 'phq9-3': '3' },
      );

      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      const page = (await clinician.client.get(`/staff/requests/${requestId}/screening`)).body;
      const flags = page.match(/made after the person had already sent their answers/g) ?? [];
      assert.equal(flags.length, 1, 'only the late link’s answers are flagged');
    },
  );
});
