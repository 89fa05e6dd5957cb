import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { termOf } from './analyzer.js';
import { type SearchDocument, SearchEngine } from './engine.js';
import { LIMITS } from './limits.js';
import { loadSynonyms, parseSynonyms } from './synonyms.js';

/**
 * Each cap proved by what a query crafted to go past it finds: pages that only a candidate beyond the cap
 * would have found stay unfound, and the query still answers.
 */

function page(id: string, title: string, body = ''): SearchDocument {
  return { id, type: 'article', title, summary: '', headings: '', tags: '', attributes: '', body };
}

/** Made-up words the stemmer leaves apart, so each stands for one page. */
function distinct(words: string[]): string[] {
  assert.equal(new Set(words.map(termOf)).size, words.length, 'each word is its own index term');
  return words;
}

describe('search caps', () => {
  test('a query is cut to 200 characters and 12 words', () => {
    const engine = new SearchEngine([page('/coil', 'Coil')], { synonyms: loadSynonyms() });
    assert.equal(engine.search('ketamine '.repeat(100)).query.length, LIMITS.queryLength);
    const words = Array.from({ length: LIMITS.terms }, (_, i) => `zq${i}x`).join(' ');
    assert.deepEqual(engine.search(`${words} coil`).results, [], 'the 13th word is not searched');
    assert.equal(engine.search(`${words.split(' ').slice(1).join(' ')} coil`).results.length, 1);
  });

  test('a word with more synonyms than the cap brings in pages for the first 24 only', () => {
    const equivalents = distinct(
      Array.from(
        { length: LIMITS.expansions + 6 },
        (_, i) => `quark${'bdfgklmnprtvz'[i % 13]}${'aou'[Math.floor(i / 13)]}n`,
      ),
    );
    const engine = new SearchEngine(
      equivalents.map((word, i) => page(`/synonym/${i}`, word)),
      { synonyms: parseSynonyms({ equivalents: [['gluon', ...equivalents]], related: {} }) },
    );
    const found = engine.search('gluon', LIMITS.results).results.map((hit) => hit.url);
    assert.equal(found.length, LIMITS.expansions);
    assert.deepEqual(
      found.sort(),
      equivalents
        .slice(0, LIMITS.expansions)
        .map((_, i) => `/synonym/${i}`)
        .sort(),
      'the first equivalents of the table, in its order',
    );
  });

  test('a misspelt word is tried as at most 3 close spellings', () => {
    // Five words one letter away from "vxnt", each on a page of its own.
    const close = distinct(['vant', 'vent', 'vint', 'vont', 'vunt']);
    const engine = new SearchEngine(
      close.map((word) => page(`/close/${word}`, word)),
      { synonyms: loadSynonyms() },
    );
    const outcome = engine.search('vxnt', LIMITS.results);
    assert.equal(outcome.results.length, LIMITS.typoCandidates);
    assert.ok(outcome.didYouMean && close.includes(outcome.didYouMean), 'and the best is offered');
  });

  test('the word being typed is completed to at most 5 words', () => {
    // Seven words that start "zorb", each a letter shorter, so each in turn ranks above those before it.
    const completions = distinct([
      'zorbalinemot',
      'zorbemonati',
      'zorbinatel',
      'zorbolumi',
      'zorbumar',
      'zorbvel',
      'zorbyx',
    ]);
    const engine = new SearchEngine(
      completions.map((word) => page(`/prefix/${word}`, word)),
      { synonyms: loadSynonyms() },
    );
    assert.equal(engine.search('zorbumar', LIMITS.results).results.length, 1, 'a whole word is not a prefix');
    assert.equal(engine.search('zorb', LIMITS.results).results.length, LIMITS.prefixCandidates);
  });

  test('close spellings are looked up for at most 4 misspelt words of a query', () => {
    const words = distinct(['gromble', 'plindor', 'traskel', 'wendrix', 'yoxalin']);
    const engine = new SearchEngine(
      words.map((word) => page(`/typo/${word}`, word)),
      { synonyms: loadSynonyms() },
    );
    // Each word with its last-but-one letter missing: one edit each, all five unknown to the site.
    const misspelt = words.map((word) => word.slice(0, -2) + word.slice(-1));
    const outcome = engine.search(misspelt.join(' '), LIMITS.results);
    assert.deepEqual(
      outcome.results.map((hit) => hit.url).sort(),
      words.slice(0, LIMITS.misspeltWords).map((word) => `/typo/${word}`),
      'the fifth misspelt word finds nothing',
    );
    assert.equal(outcome.didYouMean, [...words.slice(0, LIMITS.misspeltWords), misspelt[4]].join(' '));
    // A word repeated is looked up once, and counts once.
    const repeated = engine.search(
      [misspelt[0], misspelt[0], ...misspelt.slice(1)].join(' '),
      LIMITS.results,
    );
    assert.equal(repeated.results.length, LIMITS.misspeltWords);
  });
});
