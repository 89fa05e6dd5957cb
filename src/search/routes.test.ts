import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTestApp } from '../../test/helpers/app.js';
import { forEachEngine } from '../../test/helpers/engines.js';

function contentFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-search-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const PAGE = (title: string, body: string) =>
  `---\ntitle: ${title}\ntype: article\npublished: 2026-10-01\n---\n${body}\n`;

forEachEngine('search pages and API', (engine, it) => {
  it('finds newly imported content once the index follows the content version', async ({ config }) => {
    void config;
    const t = await buildTestApp({ engine, content: 'none' });
    try {
      const before = await t.app.inject('/api/search?q=neuronavigation');
      assert.deepEqual(before.json().results, []);
      const dir = contentFolder({
        'neuro.md': PAGE('Neuronavigation explained', 'How MRI guides the coil.'),
      });
      await t.app.content.importDirectory(dir, dir);
      await t.app.siteSearch.upToDate();
      const after = await t.app.inject('/api/search?q=neuronavigation&limit=5');
      assert.equal(after.statusCode, 200);
      assert.deepEqual(after.json(), {
        query: 'neuronavigation',
        results: [
          {
            title: 'Neuronavigation explained',
            url: '/articles/neuro',
            type: 'article',
            snippet: 'How MRI guides the coil.',
          },
        ],
      });
    } finally {
      await t.close();
    }
  });
});

forEachEngine('search input', (engine, it) => {
  it('bad input gets a 400 with a clear message; the words searched never reach a log', async () => {
    const t = await buildTestApp({ engine });
    try {
      const cases: [string, RegExp][] = [
        ['/api/search', /^q: type what you would like to find/],
        ['/api/search?q=', /^q: type what you would like to find/],
        [`/api/search?q=${'a'.repeat(201)}`, /^q: a search can be at most 200 characters long\.$/],
        ['/api/search?q=ketamine%00', /^q: a search cannot contain control characters\.$/],
        ['/api/search?q=ketamine&limit=0', /^limit: must be a whole number from 1 to 50\.$/],
        ['/api/search?q=ketamine&limit=51', /^limit: must be a whole number from 1 to 50\.$/],
        ['/api/search?q=ketamine&limit=ten', /^limit: must be a whole number from 1 to 50\.$/],
      ];
      for (const [url, message] of cases) {
        const response = await t.app.inject(url);
        assert.equal(response.statusCode, 400, url);
        assert.match(response.json().error.message, message, url);
      }
      const marker = 'qqzx-4471';
      const page = await t.app.inject(
        `/search?q=${encodeURIComponent(`<img src=x onerror=zqv(1)> ${marker}`)}`,
      );
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.ok(!page.body.includes('<img src=x'), 'the query comes back escaped');
      assert.match(page.body, /<h1>Nothing found for “&lt;img src=x onerror=zqv\(1\)> qqzx-4471”<\/h1>/);
      assert.match(page.body, /Popular topics/);
      assert.match(page.body, /<a class="button" href="\/request-appointment">Request an appointment<\/a>/);
      assert.match(page.body, /href="tel:\+13125550142"/);
      assert.ok(!t.logs.text.includes(marker), 'the query is never logged');
    } finally {
      await t.close();
    }
  });
});

forEachEngine('search ranking through the API', (engine, it) => {
  it('typo tolerance, synonyms, prefix and escaped highlighting, whichever database holds the content', async () => {
    const t = await buildTestApp({ engine, content: 'none' });
    try {
      const dir = contentFolder({
        'neuro.md': PAGE(
          'Neuronavigation explained',
          'An MRI & a camera guide the coil, for post-traumatic stress too.',
        ),
        'other.md': PAGE('Getting here', 'Parking is free at every location.'),
      });
      await t.app.content.importDirectory(dir, dir);
      await t.app.siteSearch.upToDate();
      const search = async (q: string) => {
        const response = await t.app.inject(`/api/search?q=${encodeURIComponent(q)}`);
        assert.equal(response.statusCode, 200, q);
        return response.json() as { query: string; results: { url: string; snippet: string }[] };
      };
      assert.equal((await search('neuronavigaton')).results[0]?.url, '/articles/neuro', 'one letter missing');
      assert.equal((await search('ptsd')).results[0]?.url, '/articles/neuro', 'PTSD = post-traumatic stress');
      assert.equal(
        (await search('neuronav')).results[0]?.url,
        '/articles/neuro',
        'the last word as a prefix',
      );
      const html = await search('<b>coil</b>');
      assert.equal(html.query, '<b>coil</b>');
      assert.equal(
        html.results[0]?.snippet,
        'An MRI &amp; a camera guide the <mark>coil</mark>, for post-traumatic stress too.',
      );
      const page = await t.app.inject(`/search?q=${encodeURIComponent('<b>coil</b>')}`);
      assert.ok(!page.body.includes('<b>coil</b>'), 'the query comes back escaped');
      assert.match(page.body, /<h1>Search results for “&lt;b>coil&lt;\/b>”<\/h1>/);
      assert.match(
        page.body,
        /An MRI &amp; a camera guide the <mark>coil<\/mark>, for post-traumatic stress too\./,
      );
    } finally {
      await t.close();
    }
  });
});
