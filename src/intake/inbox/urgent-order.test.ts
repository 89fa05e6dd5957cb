import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../../test/helpers/app-engines.js';
import { createStaffMember } from '../../../test/helpers/staff.js';
import { answerItem9, personWithRequest } from '../../screening/test-person.js';

/**
 * Issue 13: open urgent reviews lead the inbox in the order people have waited since the review was
 * raised, longest first, each with the time waited, read from the app's clock.
 */

const MINUTE = 60_000;

appOnEachEngine('urgent reviews in the inbox', (_engine, it) => {
  it(
    'are ordered by how long the person has waited, each showing the wait',
    { content: 'none' },
    async (testApp, clock) => {
      const people: Record<string, Awaited<ReturnType<typeof personWithRequest>>> = {};
      for (const name of ['Ada First', 'Bo Second', 'Cy Third']) {
        people[name] = await personWithRequest(testApp, { name });
        clock.advance(MINUTE);
      }
      // Raised in another order than the requests came in: Bo, then Ada, then Cy.
      for (const [name, gap] of [
        ['Bo Second', 5],
        ['Ada First', 20],
        ['Cy Third', 40],
      ] as const) {
        clock.advance(gap * MINUTE);
        await answerItem9(people[name]!.person, '1');
      }
      await personWithRequest(testApp, { name: 'Di Calm' });
      clock.advance(60 * MINUTE + 15 * MINUTE);
      const desk = await createStaffMember(testApp.app, clock, ['front_desk']);
      const inbox = (await desk.client.get('/staff/requests')).body;
      const rows = [...inbox.matchAll(/<tr>[\s\S]*?<\/tr>/g)].map((m) => m[0]).slice(1);
      const text = rows.map((row) => row.replace(/<[^>]*>/g, '').replace(/\s+/g, ' '));
      assert.deepEqual(
        text.map((row) => /(Ada First|Bo Second|Cy Third|Di Calm)/.exec(row)?.[1]),
        ['Bo Second', 'Ada First', 'Cy Third', 'Di Calm'],
        'longest wait first, then the request without a review',
      );
      assert.match(text[0]!, /Urgent safety review waiting 2 h 15 min/);
      assert.match(text[1]!, /waiting 1 h 55 min/);
      assert.match(text[2]!, /waiting 1 h 15 min/);
      assert.doesNotMatch(text[3]!, /waiting/);
    },
  );
});
