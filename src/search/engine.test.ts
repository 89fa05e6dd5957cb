import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { words } from './analyzer.js';
import { allowedEdits, type SearchDocument, SearchEngine } from './engine.js';
import { expandQuery, loadSynonyms } from './synonyms.js';

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

const DOCS = [
  doc('/treatments/tms', {
    type: 'treatment',
    title: 'Transcranial magnetic stimulation',
    body: 'A coil placed on the scalp sends magnetic pulses to the brain. Sessions are given five days a week.',
  }),
  doc('/treatments/ketamine', {
    type: 'treatment',
    title: 'Ketamine infusion therapy',
    body: 'Ketamine is given slowly through a vein while staff watch over you. Effects fade within days.',
  }),
  doc('/articles/spravato', {
    title: 'Spravato and IV ketamine are not the same',
    body: 'Esketamine nasal spray is approved by the FDA and given in certified clinics.',
  }),
  doc('/articles/cost', {
    title: 'Paying for treatment',
    body: 'Your plan may need prior authorization. Ask about coverage and price.',
  }),
  doc('/articles/obsessive', {
    title: 'Obsessive-compulsive disorder',
    body: 'Intrusive thoughts and rituals can take hours of every day.',
  }),
  doc('/articles/long', {
    title: 'A long read',
    body: `${'Filler words about everyday life. '.repeat(30)}Rare mention of esketamine here. ${'More filler. '.repeat(30)}`,
  }),
];
const engine = new SearchEngine(DOCS, { synonyms });
const first = (query: string) => engine.search(query).results[0]?.url;

describe('search engine', () => {
  test('typo tolerance grows with word length: none up to 3 letters, one edit to 7, two from 8', () => {
    assert.deepEqual(['tms', 'coil', 'ketamine', 'stimulation'].map(allowedEdits), [0, 1, 2, 2]);
    assert.equal(first('ketamin'), '/treatments/ketamine', 'one letter missing');
    assert.equal(first('ketamnie'), '/treatments/ketamine', 'two letters swapped in an 8-letter word');
    assert.equal(first('trancranial'), '/treatments/tms');
    assert.equal(engine.search('tmz').results.length, 0, 'no typo tolerance for a 3-letter word');
    assert.equal(engine.search('coul').results[0]?.url, '/treatments/tms', 'one edit in a 4-letter word');
    assert.equal(engine.search('cxyl').results.length, 0, 'but not two');
  });

  test('equivalent synonyms and abbreviations find each other at full weight', () => {
    assert.equal(first('tms'), '/treatments/tms', 'TMS finds "transcranial magnetic stimulation"');
    assert.equal(first('ocd'), '/articles/obsessive');
    assert.equal(first('cost'), '/articles/cost', 'cost finds price');
    assert.equal(first('spravato'), '/articles/spravato');
  });

  test('related terms are one way: esketamine leads to ketamine, ketamine never to esketamine', () => {
    const expansions = expandQuery(words('esketamine'), synonyms);
    assert.ok(expansions.some((e) => e.phrase === 'ketamine' && e.kind === 'related'));
    const reverse = expandQuery(words('ketamine'), synonyms);
    assert.ok(!reverse.some((e) => e.phrase === 'esketamine'), 'ketamine must not expand to esketamine');
    const ketamine = engine.search('ketamine').results.map((r) => r.url);
    assert.ok(!ketamine.includes('/articles/long'), 'a page only about esketamine is not a ketamine result');
    assert.equal(first('esketamine'), '/articles/spravato');
    assert.equal(
      first('insurance'),
      '/articles/cost',
      'insurance relates to coverage and prior authorization',
    );
  });

  test('the last word matches as a prefix while it is being typed, earlier words do not', () => {
    assert.equal(first('transcranial magn'), '/treatments/tms');
    assert.equal(first('ketam'), '/treatments/ketamine');
    assert.equal(
      engine.search('ketam therapy').results[0]?.url,
      '/treatments/ketamine',
      'found by "therapy" alone',
    );
    assert.equal(engine.search('ketam zzzz').results.length, 0, 'an earlier partial word is not a prefix');
  });

  test('the title counts for more than the headings, and the headings for more than the body', () => {
    const fields = new SearchEngine(
      [
        doc('/body', { title: 'One', body: 'Neuronavigation is explained here.' }),
        doc('/title', { title: 'Neuronavigation', body: 'Explained here.' }),
        doc('/heading', { title: 'Two', headings: 'Neuronavigation', body: 'Explained here.' }),
      ],
      { synonyms },
    );
    assert.deepEqual(
      fields.search('neuronavigation').results.map((r) => r.url),
      ['/title', '/heading', '/body'],
    );
  });

  test('snippets show the matched words, escaped, then marked', () => {
    const hit = engine.search('esketamine').results.find((r) => r.url === '/articles/long')!;
    assert.match(hit.snippet, /^… .*<mark>esketamine<\/mark>.* …$/);
    const html = new SearchEngine(
      [
        doc('/x', {
          title: 'Angle brackets',
          body: 'Type <script>alert(1)</script> & see ketamine "quoted".',
        }),
      ],
      { synonyms },
    ).search('<b>ketamine</b>');
    assert.equal(
      html.results[0]?.snippet,
      'Type &lt;script&gt;alert(1)&lt;/script&gt; &amp; see <mark>ketamine</mark> &quot;quoted&quot;.',
    );
  });

  test('"did you mean" offers the closest words the site uses for words it never uses', () => {
    const outcome = engine.search('intrusiv thougths rituls');
    assert.equal(outcome.didYouMean, 'intrusive thoughts rituals');
    assert.equal(engine.search('ketamine').didYouMean, undefined);
  });

  test('an index built a slice at a time finds and ranks exactly as one built at once', async () => {
    const sliced = await SearchEngine.build(DOCS, { synonyms }, 0);
    for (const query of ['tms', 'ketamin', 'esketamine', 'insurance', 'intrusiv thougths', 'ketam therapy']) {
      assert.deepEqual(sliced.search(query), engine.search(query), query);
    }
  });
});
