import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { createStaffMember } from '../../test/helpers/staff.js';
import { resealLegacyResponses } from './answer-sets.js';
import { everyColumn, wholeDatabase } from './test-database.js';
import { answerEverything, has, personWithRequest } from './test-person.js';

/**
 * Issue 12, "plain columns reveal concerns" (decision 017): which questionnaire a person answered is health
 * information (the PCL-5 is offered only to people who mentioned PTSD), so no plain column and no audit
 * detail names it, on either engine; rows stored before are resealed at start.
 */

const PCL5 = /pcl-?5/i;

appOnEachEngine('which questionnaire was answered is sealed', (_engine, it) => {
  it(
    'after a PCL-5 response, nothing in the database or the audit details names it',
    { content: 'none' },
    async (testApp, clock) => {
      const { person, requestId } = await personWithRequest(testApp, { concerns: ['ptsd'] });
      const given = await answerEverything(person);
      assert.ok(
        Object.keys(given).some((linkId) => linkId.startsWith('pcl5-')),
        'the PCL-5 was answered',
      );
      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      has(
        (await clinician.client.get(`/staff/requests/${requestId}/screening`)).body,
        'PCL-5',
        'it reads back',
      );

      const database = await wholeDatabase(testApp.db);
      assert.ok(database.includes(requestId), 'the search sees plain values');
      assert.doesNotMatch(database, PCL5, 'no plain value names the PCL-5');
      const details = await testApp.db.handle.db
        .selectFrom('audit_events')
        .select(['action', 'details'])
        .where('target_id', '=', requestId)
        .execute();
      assert.ok(details.some((entry) => entry.action === 'screening.save'));
      for (const entry of details)
        assert.doesNotMatch(
          String(entry.details),
          /instrument|pcl|phq|gad|safety-/i,
          `${entry.action} details`,
        );
    },
  );

  it(
    'rows stored with the questionnaire in clear are resealed at start and still read back',
    { content: 'none' },
    async (testApp, clock) => {
      const db = testApp.db.handle.db;
      const { requestId } = await personWithRequest(testApp, { concerns: ['ptsd'] });
      const invitation = await db
        .selectFrom('screening_invitations')
        .select('id')
        .where('request_id', '=', requestId)
        .executeTakeFirstOrThrow();
      // Two rows as the code before decision 017's amendment wrote them: one per questionnaire, named.
      const pcl5 = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`pcl5-${i + 1}`, 2]));
      for (const [instrument, answers] of [
        ['pcl-5', pcl5],
        ['phq-9', { 'phq9-1': 3 }],
      ] as const) {
        const id = uuidv7();
        await db
          .insertInto('screening_responses')
          .values({
            id,
            invitation_id: invitation.id,
            request_id: requestId,
            instrument,
            instrument_version: '1.0.0',
            sealed_answers: testApp.cipher.seal(
              JSON.stringify(answers),
              `screening_responses.sealed_answers:${id}`,
            ),
            updated_at: clock.now().toISOString(),
          })
          .execute();
      }
      assert.match(await everyColumn(testApp.db), PCL5, 'the old rows name the PCL-5');

      assert.equal(await resealLegacyResponses(db, testApp.cipher), 2);
      assert.doesNotMatch(await everyColumn(testApp.db), PCL5, 'no longer');
      assert.equal(await resealLegacyResponses(db, testApp.cipher), 0, 'running it again changes nothing');
      assert.equal((await db.selectFrom('screening_responses').select('id').execute()).length, 1);

      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      const page = (await clinician.client.get(`/staff/requests/${requestId}/screening`)).body;
      has(page, /Total 40 of 80/, 'the PCL-5 reads back');
      has(page, 'Nearly every day (3)', 'and the PHQ-9 answer');
    },
  );
});
