import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/app.js';

/**
 * Decision 023: every route declares its input as zod schemas, so handlers read typed values and never
 * cast what a request carries. Walks every route Fastify registered and fails on one that reads a part of
 * the request it did not declare.
 */

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

test('every registered route declares the input it can receive', async () => {
  const t = await buildTestApp();
  try {
    await t.app.ready();
    assert.ok(t.app.routeRules.length > 50, 'the routes were walked');
    const missing: string[] = [];
    for (const { method, url, schema } of t.app.routeRules) {
      const route = `${method} ${url}`;
      if (!schema?.querystring) missing.push(`${route}: no querystring schema`);
      if (url.includes(':') && !schema?.params) missing.push(`${route}: no params schema`);
      if (STATE_CHANGING.has(method) && !schema?.body) missing.push(`${route}: no body schema`);
    }
    assert.deepEqual(missing, []);
  } finally {
    await t.close();
  }
});

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

test('no code casts request input instead of declaring its schema', () => {
  const root = join(import.meta.dirname, '../..');
  const cast = /\brequest\.(body|query|params)\b[^;\n]*?\)?\s+as\s/;
  const found = sourceFiles(join(root, 'src')).flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        cast.test(line) ? [`${relative(root, path)}:${index + 1}: ${line.trim()}`] : [],
      ),
  );
  assert.deepEqual(found, []);
});
