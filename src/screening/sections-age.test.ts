import assert from 'node:assert/strict';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { answer, has, personWithRequest } from './test-person.js';

/**
 * PCL-5 is validated for adults only (issue 13): a person under 18, or of unknown age at a clinic that sees
 * young people, is never given it; an adult who mentions PTSD is. The demo clinic sees people from 15.
 */
appOnEachEngine('which questionnaires follow the age policy', (_engine, it) => {
  it('someone under 18 who mentions PTSD gets PHQ-9 and GAD-7 but never PCL-5', {
    content: 'none',
  }, async (testApp) => {
    // The test clock is Wednesday 25 November 2026: born 26 November 2008 is a day short of 18.
    const minor = await personWithRequest(testApp, { dob: '2008-11-26' });
    const overview = (await minor.person.get('/screening')).body;
    for (const title of ['PHQ-9', 'GAD-7']) has(overview, title);
    has(overview, 'This is not monitored around the clock and is not for emergencies.');
    has(
      (await minor.person.get('/screening/questions')).body,
      'This is not monitored around the clock and is not for emergencies.',
      'the first page of a questionnaire says so too',
    );
    assert.ok(!overview.includes('PCL-5'), 'no PCL-5 on the overview');
    const direct = await answer(minor.person, { section: 'pcl-5', group: 'pcl5-page-1' }, { 'pcl5-1': '0' });
    assert.equal(direct.statusCode, 303, 'nor by sending its page by hand');
    assert.equal(direct.headers.location, '/screening/questions');
  });

  it('with no date of birth, at a clinic that sees young people, PCL-5 is not offered', {
    content: 'none',
  }, async (testApp) => {
    const unknown = await personWithRequest(testApp, { dob: '' });
    assert.ok(!(await unknown.person.get('/screening')).body.includes('PCL-5'));
  });

  it('an adult who mentions PTSD gets PCL-5', { content: 'none' }, async (testApp) => {
    const adult = await personWithRequest(testApp, { dob: '2008-11-25' });
    has((await adult.person.get('/screening')).body, 'PCL-5');
  });
});
