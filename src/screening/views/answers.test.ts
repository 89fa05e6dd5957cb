import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js';
import { createStaffMember, testClock } from '../../../test/helpers/staff.js';
import { answerEverything, answerItem9, has, personWithRequest } from '../test-person.js';

/**
 * The clinician's answers page scores the PCL-5 with the clinic's cut-off (HAVEN_PCL5_CUTOFF, 31 to 33,
 * default 33), so the same total of 32 reads as probable PTSD at one clinic and not at another.
 */

/** PCL-5 items 1–12 at "Moderately" (2) and 13–20 at "A little bit" (1): a total of 32. */
const total32 = (linkId: string, choices: string[]) => {
  const item = /^pcl5-(\d+)$/.exec(linkId);
  if (!item) return choices[0]!;
  return Number(item[1]) <= 12 ? '2' : '1';
};

describe('the PCL-5 on the clinician answers page', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  const cases: [Record<string, string>, RegExp][] = [
    [{ HAVEN_PCL5_CUTOFF: '32' }, /Total 32 of 80: Probable PTSD \(cut-off 32\)/],
    [{ HAVEN_PCL5_CUTOFF: '33' }, /Total 32 of 80: Below the PTSD cut-off \(cut-off 33\)/],
    [{}, /Total 32 of 80: Below the PTSD cut-off \(cut-off 33\)/],
  ];
  for (const [env, expected] of cases) {
    test(`a total of 32 with ${env.HAVEN_PCL5_CUTOFF ? `HAVEN_PCL5_CUTOFF=${env.HAVEN_PCL5_CUTOFF}` : 'the default cut-off'}`, async () => {
      const clock = testClock();
      testApp = await buildTestApp({ now: clock.now, content: 'none', env });
      const { person, requestId } = await personWithRequest(testApp);
      const given = await answerEverything(person, total32);
      assert.equal(
        Object.entries(given)
          .filter(([linkId]) => linkId.startsWith('pcl5-'))
          .reduce((sum, [, value]) => sum + Number(value), 0),
        32,
      );
      const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
      const page = await clinician.client.get(`/staff/requests/${requestId}/screening`);
      assert.equal(page.statusCode, 200);
      has(page.body, expected);
      has(page.body, /Clusters: .*B[^;]* 10; .*C[^;]* 4; .*D[^;]* 12; .*E[^;]* 6/, 'the cluster sums');
    });
  }
});

describe('answers are shown by their question', () => {
  let testApp: TestApp | undefined;
  afterEach(() => testApp?.close());

  test('the safety notice names the question and the answer in words, never an item id', async () => {
    const clock = testClock();
    testApp = await buildTestApp({ now: clock.now, content: 'none' });
    const { person, requestId } = await personWithRequest(testApp);
    await answerItem9(person, '2');
    const clinician = await createStaffMember(testApp.app, clock, ['clinician']);
    const page = await clinician.client.get(`/staff/requests/${requestId}/screening`);
    assert.equal(page.statusCode, 200);
    // What a person reads: the text between tags, not ids in attributes.
    const text = page.body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/&quot;/g, '"');
    has(
      text,
      /Safety item answered above 0: “[^”]*(better off dead|hurting yourself)[^”]*”: More than half the days \(2\)/,
    );
    assert.doesNotMatch(text, /\b(phq9|gad7|pcl5|ket|tms)-[a-z0-9-]+/i, 'no internal item id on the page');
  });
});
