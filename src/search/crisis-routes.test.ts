import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { LogCapture, testConfig } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import { htmlValidityErrors } from '../../test/helpers/html-validity.js';
import { createLogger } from '../platform/logging/logger.js';
import { loadAssets } from '../web/assets.js';
import { loadCrisisPhrases } from './crisis.js';
import type { SearchDocument } from './engine.js';
import { searchRoutes } from './routes.js';
import { createSearchService } from './service.js';
import { loadSynonyms } from './synonyms.js';

/**
 * Words that may mean crisis answer first with help (988 call and text, 911, the crisis resources page),
 * on the results page without JavaScript and in the JSON API the suggestions use; the words never reach a log.
 */

const HEADING = 'If you are thinking about suicide or hurting yourself, you can talk to someone now.';

/** Where each landmark of the results page starts in the HTML, -1 when it is not there. */
function positions(html: string) {
  const main = html.indexOf('<main');
  const at = (pattern: RegExp) => {
    const found = pattern.exec(html.slice(main));
    return found ? main + found.index : -1;
  };
  return {
    crisis: at(/<section class="crisis-answer"/),
    h1: at(/<h1>/),
    results: at(/<ol class="search-results">/),
  };
}

/** The crisis block of a page: its heading and the places its links lead. */
function crisisBlock(html: string) {
  const section = /<section class="crisis-answer"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
  if (!section) return undefined;
  return {
    heading: /<p class="crisis-answer-lead" id="crisis-answer-heading">([^<]*)<\/p>/.exec(section)?.[1],
    links: [...section.matchAll(/<a href="([^"]*)"/g)].map((link) => link[1]),
  };
}

appOnEachEngine('search that hears distress', (engine, it) => {
  void engine;

  it('the results page shows the crisis block above the results, and above "nothing found"', {}, async ({
    app,
  }) => {
    const withResults = await app.inject(`/search?q=${encodeURIComponent('suicidal thoughts')}`);
    assert.equal(withResults.statusCode, 200);
    assert.deepEqual(crisisBlock(withResults.body), {
      heading: HEADING,
      links: ['tel:988', 'sms:988', 'tel:911', '/crisis-resources'],
    });
    assert.deepEqual(await htmlValidityErrors(withResults.body, 'crisis results'), []);
    const shown = positions(withResults.body);
    assert.ok(shown.results > 0, 'pages about suicidal thoughts are found');
    assert.ok(shown.crisis > 0 && shown.crisis < shown.h1, 'the block comes before the heading');
    assert.ok(shown.crisis < shown.results, 'and before the results');

    for (const q of ['i want to die', 'selfharm', 'sewerslide']) {
      const nothing = await app.inject(`/search?q=${encodeURIComponent(q)}`);
      assert.match(nothing.body, /<h1>Nothing found for “[^”]*”<\/h1>/, q);
      assert.equal(crisisBlock(nothing.body)?.heading, HEADING, q);
      const at = positions(nothing.body);
      assert.ok(at.crisis > 0 && at.crisis < at.h1, `${q}: the block comes before "nothing found"`);
    }
  });

  it('misspelt and lay crisis words bring the block; ordinary clinic questions do not', {}, async ({
    app,
  }) => {
    for (const q of ['sucide', 'kil myself', 'Self-Harm', 'not wanting to live', 'overdosing']) {
      const page = await app.inject(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(crisisBlock(page.body)?.heading, HEADING, q);
    }
    for (const q of ['ketamine side effects', 'diet during treatment', 'does tms hurt', 'dosage', '']) {
      const page = await app.inject(`/search?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200, q);
      assert.equal(crisisBlock(page.body), undefined, q);
      assert.doesNotMatch(page.body, /crisis-answer/, q);
    }
  });

  it('the JSON API answers first with the crisis block as data, only when the words call for it', {}, async ({
    app,
  }) => {
    const heard = await app.inject(`/api/search?q=${encodeURIComponent('suicde')}&limit=6`);
    assert.equal(heard.statusCode, 200);
    const body = heard.json();
    assert.equal(Object.keys(body)[0], 'crisis', 'help is the first thing in the answer');
    assert.deepEqual(body.crisis, {
      message: HEADING,
      label: 'Help now',
      actions: [
        { label: 'Call 988', href: 'tel:988' },
        { label: 'Text 988', href: 'sms:988' },
        { label: 'Call 911', href: 'tel:911' },
        { label: 'Crisis resources', href: '/crisis-resources' },
      ],
    });
    assert.ok(Array.isArray(body.results), 'the results still follow');
    const nothing = (await app.inject(`/api/search?q=${encodeURIComponent('wanna die')}`)).json();
    assert.deepEqual(nothing.results, []);
    assert.equal(nothing.crisis?.message, HEADING, 'help even when nothing is found');

    for (const q of ['ketamine side effects', 'cut costs', 'overdo it']) {
      const ordinary = await app.inject(`/api/search?q=${encodeURIComponent(q)}`);
      assert.equal(ordinary.statusCode, 200, q);
      assert.equal('crisis' in ordinary.json(), false, q);
    }
  });

  it('the words searched never reach a log, on the page or through the API', {}, async ({ app, logs }) => {
    const queries = ['kil myself tonight', 'suicidle thoughts', 'cutting myself again'];
    for (const q of queries) {
      assert.equal((await app.inject(`/search?q=${encodeURIComponent(q)}`)).statusCode, 200);
      assert.equal((await app.inject(`/api/search?q=${encodeURIComponent(q)}&limit=6`)).statusCode, 200);
    }
    const requests = logs.entries.filter((entry) => entry.msg === 'request');
    assert.deepEqual(
      requests.slice(-2 * queries.length).map((entry) => entry.path),
      queries.flatMap(() => ['/search', '/api/search']),
      'each request was logged, by its path',
    );
    const text = logs.text.toLowerCase();
    for (const word of ['kil', 'myself', 'tonight', 'suicidle', 'thoughts', 'cutting', 'again']) {
      assert.ok(!text.includes(word), `"${word}" is not in the logs`);
    }
  });
});

test('while the first index is still being built, help is shown all the same', async () => {
  const config = testConfig();
  const app = Fastify();
  // As src/app.ts does: routes declare their input as zod schemas (decision 023).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The documents arrive only once the test is over, so the first build is under way throughout.
  let release: (documents: SearchDocument[]) => void = () => {};
  const documentsArrive = new Promise<SearchDocument[]>((resolve) => {
    release = resolve;
  });
  const search = createSearchService({
    documents: () => documentsArrive,
    version: () => '1',
    synonyms: loadSynonyms(),
    crisisPhrases: loadCrisisPhrases(),
    logger: createLogger({ level: 'info', destination: new LogCapture() }),
  });
  search.start();
  const site = { clinic: config.clinic, assets: loadAssets(), publicUrl: config.publicUrl };
  await app.register(searchRoutes, { site, search });
  try {
    const api = await app.inject(`/api/search?q=${encodeURIComponent('kill myself')}`);
    assert.equal(api.statusCode, 503);
    assert.deepEqual(Object.keys(api.json()), ['crisis', 'error']);
    assert.equal(api.json().crisis.message, HEADING);
    const page = await app.inject(`/search?q=${encodeURIComponent('kill myself')}`);
    assert.match(page.body, /Search is starting up/);
    assert.equal(crisisBlock(page.body)?.heading, HEADING);
    const ordinary = await app.inject('/api/search?q=diet');
    assert.deepEqual(Object.keys(ordinary.json()), ['error']);
  } finally {
    release([]);
    await app.close();
    await search.stop();
  }
});
