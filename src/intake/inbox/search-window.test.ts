import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { TestApp } from '../../../test/helpers/app.js';
import { appOnEachEngine } from '../../../test/helpers/app-engines.js';
import { createStaffMember } from '../../../test/helpers/staff.js';
import { requestsRepository } from '../repository.js';
import { requestContext, type SealedRequest } from '../service.js';
import { SEARCH_WINDOW } from './inbox.js';

/**
 * A name or phone search decrypts only the newest SEARCH_WINDOW requests that match the other filters
 * (decision 016). When older ones were left unsearched, the page says so and how to reach them.
 */

const CUT = 'Searched the newest 2,000 requests; narrow by date to search older ones.';

/** Stores requests as the form does (sealed with the app's key), in one transaction, for speed. */
async function seed(testApp: TestApp, people: { name: string; phone: string; at: string }[]): Promise<void> {
  await testApp.db.handle.db.transaction().execute(async (trx) => {
    for (const person of people) {
      const id = uuidv7();
      const sealed: SealedRequest = {
        name: person.name,
        phone: person.phone,
        email: null,
        dob: null,
        message: '',
        times: '',
        referral: '',
        insurance: '',
        referrer: '',
        concerns: [],
      };
      await requestsRepository.insert(trx, {
        id,
        idempotency_key: `seed-${id}`,
        status: 'new',
        location: 'lakeside',
        treatment: 'tms',
        contact_method: 'phone',
        concerns_minor: 0,
        sms_consent: 0,
        sealed: testApp.cipher.seal(JSON.stringify(sealed), requestContext(id)),
        assignee_id: null,
        created_at: person.at,
        updated_at: person.at,
        closed_at: null,
        safety_flagged_at: null,
        safety_closed_at: null,
        safety_escalated_at: null,
      });
    }
  });
}

appOnEachEngine(`searching past the newest ${SEARCH_WINDOW} requests`, (_engine, it) => {
  it(
    'the page says when older requests were not searched, and a date range reaches them',
    { content: 'none' },
    async (testApp, clock) => {
      assert.equal(SEARCH_WINDOW, 2000, 'the sentence below names the window');
      const recent = Date.parse('2026-11-20T15:00:00Z');
      await seed(testApp, [
        { name: 'Olive Ancient', phone: '+13125550101', at: '2026-11-01T15:00:00.000Z' },
        ...Array.from({ length: SEARCH_WINDOW }, (_, i) => ({
          name: `Recent Person ${i}`,
          phone: '+13125550177',
          at: new Date(recent + i * 1000).toISOString(),
        })),
      ]);
      const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
      const search = async (query: string) => {
        const page = await desk.client.get(`/staff/requests?${query}`);
        assert.equal(page.statusCode, 200);
        const status = /<p role="status">([^<]*)<\/p>/.exec(page.body)?.[1] ?? '';
        return { status, body: page.body };
      };

      const missed = await search('q=ancient');
      assert.equal(missed.status, `0 requests. ${CUT}`, 'nothing found, and staff are told why');
      const byPhone = await search('q=555-0101');
      assert.equal(byPhone.status, `0 requests. ${CUT}`);

      const narrowed = await search('q=ancient&to=2026-11-10');
      assert.equal(narrowed.status, '1 request', 'within the dates, the older request is found');
      assert.ok(narrowed.body.includes('>Olive Ancient</a>'));
      assert.equal((await search('q=0101&to=2026-11-10')).status, '1 request');

      const many = await search('q=recent');
      assert.equal(many.status, `2000 requests. ${CUT}`, 'one older request was left out');
      assert.equal((await search('q=recent&from=2026-11-15')).status, '2000 requests', 'nothing left out');
      assert.equal((await search('')).status, '2001 requests', 'without a search every request counts');
    },
  );
});
