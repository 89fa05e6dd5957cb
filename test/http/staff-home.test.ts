import assert from 'node:assert/strict';
import { answerItem9, personWithRequest } from '../../src/screening/test-person.js';
import { appOnEachEngine } from '../helpers/app-engines.js';
import { createStaffMember } from '../helpers/staff.js';

/**
 * Issue 13: the staff home shows what needs doing now (open urgent reviews with the longest wait, new
 * requests, failed mail), each linking to the work, and only what the viewer's role covers: front desk may
 * learn a review is open, not why (decision 017); an editor sees no request at all.
 */

const MINUTE = 60_000;
const ITEM_9_WORDING = /better off dead|self-harm|hurting yourself/i;
const text = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

appOnEachEngine('the staff home', (_engine, it) => {
  it(
    'shows open urgent reviews with the longest wait, new requests and failed mail, by role',
    { content: 'none', env: { HAVEN_NOTIFY_EMAIL: 'desk@clinic.example.org' } },
    async (testApp, clock) => {
      const { app } = testApp;
      const db = testApp.db.handle.db;
      const clinician = await createStaffMember(app, clock, ['clinician']);
      assert.match(
        text((await clinician.client.get('/staff')).body),
        /No urgent safety reviews are open\. No new requests\./,
      );

      const first = await personWithRequest(testApp, { name: 'Ada Waiting' });
      const second = await personWithRequest(testApp, { name: 'Bo Waiting' });
      await personWithRequest(testApp, { name: 'Cy Calm' });
      await answerItem9(first.person, '2');
      clock.advance(25 * MINUTE);
      await answerItem9(second.person, '1');
      clock.advance(45 * MINUTE);

      const desk = await createStaffMember(app, clock, ['front_desk']);
      const deskHome = (await desk.client.get('/staff')).body;
      assert.match(text(deskHome), /2 urgent safety reviews open ?, the longest waiting 1 h 10 min\./);
      assert.ok(
        deskHome.includes(`<a href="/staff/requests/${first.requestId}">Open the one waiting longest</a>`),
      );
      assert.match(text(deskHome), /Tell a clinician: only they can close a review\./);
      assert.ok(deskHome.includes('<a href="/staff/requests?status=new">3 new requests to call back</a>'));
      assert.doesNotMatch(deskHome, ITEM_9_WORDING, 'front desk learns a review is open, not why');
      assert.ok(!deskHome.includes('Ada Waiting'), 'no one is named on the home page');

      // A fresh sign-in: the first one has been idle longer than a session lasts.
      const later = await createStaffMember(app, clock, ['clinician']);
      const clinicianHome = text((await later.client.get('/staff')).body);
      // Signing in moves the test clock on a little (a fresh authenticator code).
      assert.match(clinicianHome, /2 urgent safety reviews open ?, the longest waiting 1 h 1\d min\./);
      assert.doesNotMatch(clinicianHome, /Tell a clinician/);

      const editor = await createStaffMember(app, clock, ['editor']);
      const editorHome = text((await editor.client.get('/staff')).body);
      assert.doesNotMatch(editorHome, /urgent|new request/i, 'an editor sees no request work');

      const queued = await db.updateTable('outbox_messages').set({ status: 'failed' }).executeTakeFirst();
      const failed = Number(queued.numUpdatedRows);
      assert.ok(failed > 0, 'the requests queued notification emails');
      const admin = await createStaffMember(app, clock, ['admin']);
      assert.ok(
        (await admin.client.get('/staff')).body.includes(
          `<a href="/staff/settings">${failed} email${failed === 1 ? '' : 's'} failed for good</a>`,
        ),
        'an administrator is led to the failed mail',
      );
      assert.match(
        text((await desk.client.get('/staff')).body),
        /failed for good: tell whoever runs Haven\./,
      );
    },
  );
});
