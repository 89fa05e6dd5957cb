import assert from 'node:assert/strict';
import type { TestApp } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember, csrfOf, staffClient } from '../../test/helpers/staff.js';
import { SCREENING_COOKIE } from './routes.js';
import { answer, answerEverything, has, personWithRequest, sendAnswers } from './test-person.js';

/**
 * The one-time link (decision 017): it works for 14 days and until the answers are sent, and then a person
 * who opens it is told plainly what happened and how to get a new one, never shown an error or old answers.
 */

const DAY = 86_400_000;

appOnEachEngine('a screening link', (_engine, it) => {
  /** A person who has sent a request, and the link the confirmation page handed them. */
  async function start(testApp: TestApp) {
    const { person, requestId } = await personWithRequest(testApp);
    // The cookie holds the token and this browser's binding (decision 017): `token.device`.
    const token = person.jar.cookies.get(SCREENING_COOKIE)?.split('.')[0];
    assert.ok(token, 'the confirmation page handed the person their link');
    return { person, requestId, token, app: testApp.app };
  }

  /** Opens `/screening?token=` in a browser that has never seen the link. */
  async function openLink(app: TestApp['app'], token: string) {
    const browser = staffClient(app);
    const opened = await browser.get(`/screening?token=${token}`);
    return {
      browser,
      opened,
      overview: opened.statusCode === 303 ? await browser.get(String(opened.headers.location)) : opened,
    };
  }

  it(
    'stops working after 14 days, with a page that says so and how to get a new one',
    { content: 'none' },
    async (testApp, clock) => {
      const { person, token, app } = await start(testApp);
      clock.advance(14 * DAY - 60_000);
      const lastMinute = await openLink(app, token);
      assert.equal(lastMinute.opened.statusCode, 303, 'a minute before, the link still opens');
      // In a browser that is not the link's own, it asks for the date of birth first (decision 017).
      has(lastMinute.overview.body, 'Check it is you');

      clock.advance(60_000);
      const late = await openLink(app, token);
      assert.equal(late.opened.statusCode, 410);
      assert.equal(late.opened.headers['cache-control'], 'no-store');
      has(late.opened.body, 'This link has expired.');
      has(late.opened.body, /For a new link, call us at .*\(312\) 555-0142/);
      has(late.opened.body, '988', 'the crisis numbers are still there');
      assert.equal(late.browser.jar.cookies.has(SCREENING_COOKIE), false, 'no cookie is handed out');

      // A browser that kept the link from earlier is told the same, and cannot save.
      for (const browser of [person, lastMinute.browser]) {
        const overview = await browser.get('/screening');
        assert.equal(overview.statusCode, 410);
        has(overview.body, 'This link has expired.');
        const saving = await browser.post('/screening/questions', {
          _section: 'phq-9',
          _group: 'phq9-page-1',
          'phq9-1': '1',
          'phq9-2': '1',
          'phq9-3': '1',
        });
        assert.equal(saving.statusCode, 410);
      }
      const saved = await testApp.db.handle.db.selectFrom('screening_responses').selectAll().execute();
      assert.deepEqual(saved, [], 'nothing was saved after the link expired');
    },
  );

  it('stops working once the answers are sent, and says they have arrived', {
    content: 'none',
  }, async (testApp) => {
    const { person, token, app } = await start(testApp);
    const otherBrowser = await openLink(app, token);
    await answerEverything(person);
    await sendAnswers(person);
    has((await person.get('/screening/done')).body, 'Your answers have reached the clinic');
    assert.equal(person.jar.cookies.has(SCREENING_COOKIE), false, 'the browser lets go of the link');

    const again = await openLink(app, token);
    assert.equal(again.opened.statusCode, 410);
    has(again.opened.body, 'These answers have already been sent. Thank you.');
    assert.doesNotMatch(again.opened.body, /Not at all|Several days|Send my answers/, 'no answers shown');
    const stale = await otherBrowser.browser.get('/screening/questions');
    assert.equal(stale.statusCode, 410, 'a browser that still holds the link cannot reopen the answers');
    has(stale.body, 'These answers have already been sent.');
    assert.doesNotMatch(stale.body, /checked/, 'nor see what was chosen');
  });

  it(
    'made from the request page, it is emailed to the address the person gave, says nothing about their health, and opens their questions',
    { content: 'none' },
    async (testApp, clock) => {
      const { app } = testApp;
      const db = testApp.db.handle.db;
      const { requestId } = await personWithRequest(testApp, {
        name: 'Pat Linkwell',
        contact_method: 'email',
        email: 'pat.linkwell@example.org',
        treatment: 'ketamine',
        concerns: ['anxiety'],
      });
      const desk = await createStaffMember(app, clock, ['front_desk']);
      const page = (await desk.client.get(`/staff/requests/${requestId}`)).body;
      const made = await desk.client.post(`/staff/requests/${requestId}/screening/invite`, {
        _csrf: csrfOf(page),
      });
      assert.equal(made.statusCode, 200);
      has(made.body, 'The link has been emailed');
      const link = /<code>(http[^<]+)<\/code>/.exec(made.body)?.[1]?.replaceAll('&amp;', '&');
      assert.ok(link);
      const message = await db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('kind', '=', 'screening_link')
        .executeTakeFirstOrThrow();
      const payload = JSON.parse(
        testApp.cipher.open(message.payload, `outbox_messages.payload:${message.id}`),
      ) as { to: string; text: string };
      assert.equal(payload.to, 'pat.linkwell@example.org');
      assert.ok(payload.text.includes(link), 'the email carries the link');
      assert.doesNotMatch(
        payload.text,
        /Pat|anxiety|ketamine/i,
        'and nothing about the person or their health',
      );
      const audit = await db
        .selectFrom('audit_events')
        .select('action')
        .where('target_id', '=', requestId)
        .execute();
      assert.ok(audit.some((entry) => entry.action === 'screening.link_email'));
      const url = new URL(link);
      const opened = await openLink(app, url.searchParams.get('token')!);
      assert.equal(opened.opened.statusCode, 303);
      has(opened.overview.body, 'GAD-7');
    },
  );

  it('on a shared computer, "Forget me on this device" lets go of the link and keeps the answers', {
    content: 'none',
  }, async (testApp) => {
    const { person } = await start(testApp);
    await answer(
      person,
      { section: 'phq-9', group: 'phq9-page-1' },
      { 'phq9-1': '0', 'phq9-2': '0', 'phq9-3': '0' },
    );
    const overview = (await person.get('/screening')).body;
    const forgot = await person.post('/screening/forget', { _csrf: csrfOf(overview) });
    has(forgot.body, 'This device has forgotten your questions');
    assert.equal((await person.get('/screening')).statusCode, 400, 'the browser has no link any more');
    assert.equal(
      (await testApp.db.handle.db.selectFrom('screening_responses').selectAll().execute()).length,
      1,
    );
  });
});
