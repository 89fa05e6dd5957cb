import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { testClock } from '../../test/helpers/staff.js';
import { answerEverything, personWithRequest, sendAnswers } from './test-person.js';

/**
 * The closing page after someone told us they think of death or self-harm (issue 13) says, truthfully from
 * the opening hours, when someone will try to reach them; after answers without that, it promises nothing.
 */

const FOLLOW_UP = /<p class="notice" id="follow-up">([^<]+)<\/p>/;

describe('the closing page of the questionnaires', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  async function finish(at: string, item9: string) {
    const clock = testClock(Date.parse(at));
    t = await buildTestApp({ now: clock.now, content: 'none' });
    const { person } = await personWithRequest(t, { concerns: ['depression'] });
    await answerEverything(person, (linkId, choices) => (linkId === 'phq9-9' ? item9 : choices[0]!));
    await sendAnswers(person);
    return (await person.get('/screening/done')).body;
  }

  test('Saturday afternoon, after a disclosure: no one reads it until Monday at 8, and 988 or 911 until then', async () => {
    const done = await finish('2026-11-28T20:00:00Z', '2');
    assert.equal(
      FOLLOW_UP.exec(done)?.[1],
      'No one will read this until we open on Monday at 8:00 AM. A clinician will try to reach you then. If you need help before then, call or text 988, or call 911.',
    );
  });

  test('Wednesday morning, after a disclosure: a clinician tries today, before closing', async () => {
    const done = await finish('2026-11-25T15:00:00Z', '1');
    assert.match(
      FOLLOW_UP.exec(done)?.[1] ?? '',
      /^Our team will see your answers today, and a clinician will try to reach you before we close at 6:00 PM\./,
    );
  });

  test('without a disclosure, the closing page promises no follow-up', async () => {
    const done = await finish('2026-11-25T15:00:00Z', '0');
    assert.match(done, /Your answers have reached the clinic/);
    assert.doesNotMatch(done, /id="follow-up"/);
  });
});
