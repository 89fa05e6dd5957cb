import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { forEachEngine } from '../../test/helpers/engines.js';

/** One result of the results page as a person sees it: its type, its linked title, and its address. */
interface ShownResult {
  type: string;
  title: string;
  href: string;
  url: string;
}

function shownResults(html: string): ShownResult[] {
  const list = /<ol class="search-results">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, item = '']) => {
    const link = /<h3><a href="([^"]*)">([^<]*)<\/a><\/h3>/.exec(item);
    return {
      type: /<p class="result-type">([^<]*)<\/p>/.exec(item)?.[1] ?? '',
      title: link?.[2] ?? '',
      href: link?.[1] ?? '',
      url: /<p class="result-url">([^<]*)<\/p>/.exec(item)?.[1] ?? '',
    };
  });
}

async function withContent(t: TestApp, files: Record<string, string>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-search-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  await t.app.content.importDirectory(dir, dir);
  await t.app.siteSearch.upToDate();
}

const ARTICLE = (title: string, body: string) =>
  `---\ntitle: ${title}\ntype: article\npublished: 2026-10-01\n---\n${body}\n`;

forEachEngine('search results page', (engine, it) => {
  it('each result shows its type, its title linked to the page, and the page address', async () => {
    const t = await buildTestApp({ engine });
    try {
      const page = await t.app.inject('/search?q=ketamine');
      assert.equal(page.statusCode, 200);
      const results = shownResults(page.body);
      assert.ok(results.length >= 3, 'several pages mention ketamine');
      assert.deepEqual(results[0], {
        type: 'Treatment',
        title: 'Ketamine infusion therapy',
        href: '/treatments/ketamine-infusion-therapy',
        url: '/treatments/ketamine-infusion-therapy',
      });
      const typeOf = { articles: 'Article', treatments: 'Treatment', conditions: 'Condition' } as const;
      for (const result of results) {
        assert.ok(result.title.length > 0, `${result.href} has a title`);
        assert.equal(result.url, result.href, 'the address shown is where the title leads');
        const section = result.href.split('/')[1] as keyof typeof typeOf;
        if (section in typeOf) assert.equal(result.type, typeOf[section], result.href);
      }
      assert.ok(
        results.some((result) => result.type === 'Article'),
        'articles are labelled as such among the treatments',
      );
      for (const { href } of results.slice(0, 3)) {
        assert.equal((await t.app.inject(href.split('#')[0]!)).statusCode, 200, `${href} is a page`);
      }
    } finally {
      await t.close();
    }
  });

  it('a misspelt query that finds little offers a "did you mean" link, and the link finds the page', async () => {
    const t = await buildTestApp({ engine, content: 'none' });
    try {
      await withContent(t, {
        'neuro.md': ARTICLE('Neuronavigation explained', 'A camera tracks your head during each session.'),
        'parking.md': ARTICLE('Getting here', 'Parking is free at every location.'),
      });
      const misspelt = await t.app.inject(`/search?q=${encodeURIComponent('neuronavigaton camra')}`);
      assert.ok(shownResults(misspelt.body).length <= 1, 'few results');
      const offer =
        /<p class="did-you-mean">Did you mean <a href="([^"]*)"><strong>([^<]*)<\/strong><\/a>\?<\/p>/.exec(
          misspelt.body,
        );
      assert.ok(offer, 'a "did you mean" link is shown');
      assert.equal(offer[2], 'neuronavigation camera');
      const followed = await t.app.inject(offer[1]!);
      assert.equal(followed.statusCode, 200);
      assert.match(followed.body, /<h1>Search results for “neuronavigation camera”<\/h1>/);
      assert.equal(shownResults(followed.body)[0]?.href, '/articles/neuro');
      assert.doesNotMatch(followed.body, /Did you mean/, 'the corrected query needs no correction');
    } finally {
      await t.close();
    }
  });

  it('English stemming: "infusions" finds a page that only says "infusion", and is not taken for a typo', async () => {
    const t = await buildTestApp({ engine, content: 'none' });
    try {
      await withContent(t, {
        'drip.md': ARTICLE('Your first visit', 'Each infusion takes about forty minutes.'),
        'parking.md': ARTICLE('Getting here', 'Parking is free at every location.'),
      });
      for (const q of ['infusions', 'infused', 'infusing']) {
        const page = await t.app.inject(`/search?q=${q}`);
        // The site's own pages (locations, the request form) also speak of infusions; among the articles, only
        // the one that says "infusion" is found.
        const articles = shownResults(page.body)
          .map((result) => result.href)
          .filter((href) => href.startsWith('/articles/'));
        assert.deepEqual(articles, ['/articles/drip'], q);
        assert.match(page.body, /Each <mark>infusion<\/mark> takes about forty minutes\./, q);
        assert.doesNotMatch(page.body, /Did you mean/, `${q} is a form of a word the site uses`);
      }
    } finally {
      await t.close();
    }
  });
});
