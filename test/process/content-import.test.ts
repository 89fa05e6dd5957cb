import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, runHaven } from '../helpers/cli.js';
import { forEachEngine } from '../helpers/engines.js';
import { startLiveServer } from '../helpers/server.js';

/** `haven content import <dir>` run as an editor would run it, then the result seen on the served site. */

const GOOD = `---
title: Sleeping well during a TMS course
type: article
summary: Small habits that help while you come in every weekday.
published: 2026-01-05
reviewed: 2026-01-05
reviewer: Dr. Test Person, MD
---
Keep the same bedtime on weekends too.
`;

// Line 5 holds a date that does not exist.
const BAD = `---
title: A draft with a slip
type: article
summary: Written in a hurry.
published: 2026-02-30
---
Nothing to see.
`;

function databaseUrl(config: { engine: string; file?: string; connectionString?: string }): string {
  return config.engine === 'sqlite' ? `sqlite:${config.file}` : config.connectionString!;
}

forEachEngine('haven content import', (_engine, it) => {
  it('imports the good file, names the bad one by file, line and field, and exits 1', async ({
    config,
    handle,
  }) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'haven-import-'));
    mkdirSync(path.join(cwd, 'new-content/articles'), { recursive: true });
    writeFileSync(path.join(cwd, 'new-content/articles/sleeping-well.md'), GOOD);
    writeFileSync(path.join(cwd, 'new-content/articles/slip.md'), BAD);
    const env = { DATABASE_URL: databaseUrl(config) };
    try {
      const result = await runHaven(['content', 'import', 'new-content'], { cwd, env });
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, 'new-content/articles/slip.md:5: published: is not a real calendar date\n');
      assert.equal(result.stdout, 'Read 2 files: 1 new, 0 updated, 0 unchanged, 1 problems.\n');

      const slugs = await handle.db.selectFrom('content_items').select('slug').orderBy('slug').execute();
      assert.deepEqual(
        slugs.map((row) => row.slug),
        ['sleeping-well'],
        'only the good file was imported',
      );

      const again = await runHaven(['content', 'import', 'new-content'], { cwd, env });
      assert.equal(again.code, 1);
      assert.equal(again.stdout, 'Read 2 files: 0 new, 0 updated, 1 unchanged, 1 problems.\n');

      // A server started on that database shows the imported article, and not the file with the error.
      const server = await startLiveServer({ env });
      try {
        const page = await fetch(`${server.origin}/articles/sleeping-well`);
        assert.equal(page.status, 200);
        assert.match(await page.text(), /<h1[^>]*>Sleeping well during a TMS course<\/h1>/);
        assert.equal((await fetch(`${server.origin}/articles/slip`)).status, 404);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

test('the bundled content/ imports with no problems', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'haven-bundled-'));
  try {
    const files = readdirSync(path.join(ROOT, 'content'), { recursive: true }).filter(
      (name) => String(name).endsWith('.md') && path.basename(String(name)) !== 'README.md',
    );
    const result = await runHaven(['content', 'import', path.join(ROOT, 'content')], {
      cwd,
      env: { DATABASE_URL: `sqlite:${path.join(cwd, 'haven.db')}` },
    });
    assert.equal(result.stderr, '', 'no file has a problem');
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      `Read ${files.length} files: ${files.length} new, 0 updated, 0 unchanged, 0 problems.\n`,
    );
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
