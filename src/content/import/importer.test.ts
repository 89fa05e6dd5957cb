import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { readContentVersion } from '../../platform/database/content-version.js';
import { contentRepository } from '../repository.js';
import { importContentDirectory } from './importer.js';

const GOOD = `---
title: What to expect at a first infusion
type: article
summary: A calm walk through the day.
tags: [ketamine, first-visit]
published: 2026-11-01
reviewed: 2026-11-20
reviewer: Dr. Test, MD
sources:
  - title: A study
    publisher: A Journal
    year: 2017
    url: https://doi.org/10.1000/example
---
## Before you come

Eat lightly.
`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-content-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

forEachEngine('content import', (_engine, it) => {
  it('imports every good file, and importing the same files again changes nothing', async ({ handle }) => {
    const dir = folder({
      'articles/first-infusion.md': GOOD,
      'pages/about.md': '---\ntitle: About us\ntype: page\n---\nHello.\n',
    });
    const repository = contentRepository(handle.db);
    const first = await importContentDirectory(dir, repository, new Date('2026-11-25T12:00:00Z'), {
      displayRoot: dir,
    });
    assert.deepEqual(first.errors, []);
    assert.deepEqual(first.created.sort(), ['about', 'first-infusion']);
    assert.equal(await readContentVersion(handle.db), '1');

    const second = await importContentDirectory(dir, repository, new Date('2026-11-26T12:00:00Z'), {
      displayRoot: dir,
    });
    assert.deepEqual(second.created, []);
    assert.deepEqual(second.unchanged.sort(), ['about', 'first-infusion']);
    assert.equal(
      await readContentVersion(handle.db),
      '1',
      'an import that changes nothing leaves the version alone',
    );

    writeFileSync(
      path.join(dir, 'articles/first-infusion.md'),
      GOOD.replace('Eat lightly.', 'Eat a light meal.'),
    );
    const third = await importContentDirectory(dir, repository, new Date(), { displayRoot: dir });
    assert.deepEqual(third.updated, ['first-infusion']);
    assert.equal(await readContentVersion(handle.db), '2');

    const [about, article] = await repository.listAll();
    assert.equal(about?.type, 'page');
    assert.equal(article?.published, '2026-11-01', 'dates stay exactly as written');
    assert.deepEqual(article?.tags, ['ketamine', 'first-visit']);
    assert.equal(article?.sources[0]?.year, 2017);
    assert.match(article?.body ?? '', /Eat a light meal/);
  });

  it('reports each problem as file:line: field: what is wrong, and imports nothing from that file', async ({
    handle,
  }) => {
    const dir = folder({
      'no-title.md': GOOD.replace('title: What to expect at a first infusion\n', ''),
      'bad-date.md': GOOD.replace('published: 2026-11-01', 'published: 2026-02-30'),
      'worse-date.md': GOOD.replace('published: 2026-11-01', 'published: 11/01/2026'),
      'bad-type.md': GOOD.replace('type: article', 'type: blogpost'),
      'one.md': GOOD.replace('type: article', 'type: article\nslug: same-slug'),
      'two.md': GOOD.replace('type: article', 'type: article\nslug: same-slug'),
      'html.md': `${GOOD}\nSome <b>bold</b> words.\n`,
      'typo.md': GOOD.replace('reviewer:', 'reveiwer:'),
      'fine.md': GOOD,
    });
    const report = await importContentDirectory(dir, contentRepository(handle.db), new Date(), {
      displayRoot: dir,
    });
    const errors = report.errors.sort();
    assert.deepEqual(errors, [
      'bad-date.md:6: published: is not a real calendar date',
      'bad-type.md:3: type: must be one of article, treatment, condition, page',
      'html.md:19: body: raw HTML is not allowed; use Markdown instead',
      'no-title.md:1: title: is required',
      'one.md:4: slug: "same-slug" is also used by two.md',
      'two.md:4: slug: "same-slug" is also used by one.md',
      'typo.md:8: reveiwer: is not a known field',
      'worse-date.md:6: published: must be a date written YYYY-MM-DD, such as 2026-11-25',
    ]);
    assert.deepEqual(report.created, ['fine']);
    assert.equal(report.files, 9);
    assert.deepEqual(
      (await contentRepository(handle.db).listAll()).map((item) => item.slug),
      ['fine'],
    );
  });
});

const BOMB = `---
title: Laughs
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
---
Body.
`;

forEachEngine('content import of hostile and surprising files', (_engine, it) => {
  it('reports a hostile file as that file’s problem and imports the rest', async ({ handle }) => {
    const dir = folder({
      'bomb.md': BOMB,
      'huge.md': `${GOOD}\n${'Words and more words. '.repeat(60_000)}\n`,
      'deep.md': `---\ntitle: Deep\nsummary: ${'['.repeat(9_000)}${']'.repeat(9_000)}\n---\nBody.\n`,
      'fine.md': GOOD,
    });
    const report = await importContentDirectory(dir, contentRepository(handle.db), new Date(), {
      displayRoot: dir,
    });
    assert.deepEqual(report.errors.sort(), [
      'bomb.md:2: front matter: repeats an alias (*name) too often; write the values out instead',
      'deep.md:2: front matter: is 18 KB; it may be at most 16 KB, so move long text into the body',
      'huge.md:1: file: is 1.3 MB; a content file may be at most 1 MB',
    ]);
    assert.deepEqual(report.created, ['fine']);
    assert.equal(report.files, 4);
  });

  it('keeps what YAML would read as a number or date as the text written, and names the real problem', async ({
    handle,
  }) => {
    const dir = folder({
      'numbers.md': GOOD.replace('title: What to expect at a first infusion', 'title: 2024')
        .replace('tags: [ketamine, first-visit]', 'tags: [crisis, 988]')
        .replace('reviewer: Dr. Test, MD', 'reviewer: 1.5'),
      'wrong-kind.md': GOOD.replace('title: What to expect at a first infusion', 'title: [a, b]').replace(
        'summary: A calm walk through the day.',
        'summary: { a: b }',
      ),
      'bad-year.md': GOOD.replace('year: 2017', 'year: twenty'),
    });
    const repository = contentRepository(handle.db);
    const report = await importContentDirectory(dir, repository, new Date(), { displayRoot: dir });
    assert.deepEqual(report.errors.sort(), [
      'bad-year.md:12: sources.0.year: must be a year such as 2018',
      'wrong-kind.md:2: title: must be text',
      'wrong-kind.md:4: summary: must be text',
    ]);
    assert.deepEqual(report.created, ['numbers']);
    const [item] = await repository.listAll();
    assert.equal(item?.title, '2024');
    assert.deepEqual(item?.tags, ['crisis', '988']);
    assert.equal(item?.reviewer, '1.5');
    assert.equal(item?.published, '2026-11-01');
    assert.equal(item?.sources[0]?.year, 2017);
  });
});
