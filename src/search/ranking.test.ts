import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type SearchDocument, SearchEngine, TITLE_ANSWERS_BOOST } from './engine.js';
import { loadSynonyms } from './synonyms.js';

const synonyms = loadSynonyms();

function doc(id: string, fields: Partial<SearchDocument>): SearchDocument {
  return {
    id,
    type: 'article',
    title: '',
    summary: '',
    headings: '',
    tags: '',
    attributes: '',
    body: '',
    ...fields,
  };
}

const urls = (engine: SearchEngine, query: string) => engine.search(query).results.map((r) => r.url);

describe('search ranking', () => {
  test('a question-and-answer section is a result of its own, linked by anchor, one place per page', () => {
    const faq = doc('/faq', {
      type: 'page',
      title: 'Frequently asked questions',
      body: 'Does the coil hurt? It taps. Can I drive afterwards? Yes. Do I need a referral? No.',
      sections: [
        { anchor: 'does-the-coil-hurt', heading: 'Does the coil hurt?', text: 'It feels like tapping.' },
        { anchor: 'can-i-drive', heading: 'Can I drive afterwards?', text: 'Yes, the coil is gentle.' },
        { anchor: 'our-team', heading: 'Our team', text: 'Nurses and doctors who know the coil.' },
      ],
    });
    const long = doc('/treatments/coil', {
      title: 'The coil',
      body: `${'The coil sits on the scalp and sends pulses. '.repeat(20)}Some find it hurts a little at first.`,
    });
    const engine = new SearchEngine([faq, long], { synonyms });
    const hits = engine.search('does the coil hurt').results;
    assert.equal(hits[0]?.url, '/faq#does-the-coil-hurt');
    assert.equal(hits[0]?.title, 'Frequently asked questions: Does the coil hurt?');
    assert.match(hits[0]?.snippet ?? '', /tapping/);
    assert.equal(hits.filter((hit) => hit.url.startsWith('/faq')).length, 1, 'the FAQ appears once');
    assert.equal(engine.size, 2, 'sections are not pages');
    assert.ok(!urls(engine, 'nurses').includes('/faq#our-team'), 'a heading that asks nothing is no answer');
  });

  test('a page whose title holds every idea of the query counts twice', () => {
    assert.equal(TITLE_ANSWERS_BOOST, 2);
    const engine = new SearchEngine(
      [
        doc('/mentions', {
          title: 'Paying for ketamine and TMS',
          headings: 'Comparing costs',
          tags: 'comparison ketamine tms',
          body: 'Compare what ketamine and TMS cost: ketamine costs more than TMS. TMS, ketamine, TMS.',
        }),
        doc('/compares', { title: 'Ketamine or TMS: how they compare', body: 'Both help depression.' }),
      ],
      { synonyms },
    );
    // Without the boost, the page that says the words more often (and in more fields) would come first.
    assert.deepEqual(urls(engine, 'ketamine vs tms'), ['/compares', '/mentions']);
  });

  test('a misspelt phrase still finds its synonyms, as it does spelt right', () => {
    const engine = new SearchEngine(
      [
        doc('/safety', { title: 'How safe is the coil?', body: 'Headache is the commonest side effect.' }),
        doc('/coil', {
          title: 'The coil',
          body: 'The coil works. Side effects are mild. The coil is used daily. The coil is small.',
        }),
      ],
      { synonyms },
    );
    assert.equal(urls(engine, 'coil side effects')[0], '/safety');
    const misspelt = engine.search('coil side efects');
    assert.equal(misspelt.didYouMean, 'coil side effects');
    assert.equal(misspelt.results[0]?.url, '/safety');
  });

  test('the longest synonym phrase wins: "manic depression" does not also mean treatment-resistant', () => {
    const engine = new SearchEngine(
      [
        doc('/trd', { title: 'Treatment-resistant depression', body: 'Depression that has not lifted.' }),
        doc('/bipolar', { title: 'Bipolar depression', body: 'Once called manic depression.' }),
      ],
      { synonyms },
    );
    assert.equal(urls(engine, 'manic depression')[0], '/bipolar');
  });

  test('phrasing words are left out of a query that has other words', () => {
    const engine = new SearchEngine(
      [
        doc('/crisis', { title: 'Crisis resources', body: 'Call or text 988 at any hour.' }),
        doc('/other', { title: 'What you want to know', body: 'If you want to know more, we can help.' }),
      ],
      { synonyms },
    );
    assert.equal(urls(engine, 'i want to know about crisis')[0], '/crisis');
    assert.deepEqual(urls(engine, 'want'), ['/other'], 'a query of phrasing words alone still searches');
  });

  test('a word the synonym table knows is never "corrected", even when no page uses it', () => {
    const engine = new SearchEngine(
      [doc('/crisis', { title: 'Crisis resources', body: 'We will listen. Call 988.' })],
      { synonyms },
    );
    const outcome = engine.search('i want to kill myself');
    assert.equal(outcome.didYouMean, undefined, 'not "i want to will myself"');
    assert.equal(outcome.results[0]?.url, '/crisis', 'found through its synonyms (crisis, 988)');
  });
});
