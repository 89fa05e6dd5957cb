import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/**
 * scripts/run-tests.mjs runs many test files in one process (a shard), so a test file must not change what
 * the process shares: its environment, its working directory, or process-wide event handlers. A test that
 * needs another environment passes it to the app (buildTestApp's `env`) or to a child process.
 */
const root = path.resolve(import.meta.dirname, '..');
const SHARED_STATE = [
  /process\.env(\.\w+|\[[^\]]+\])\s*=(?!=)/,
  /delete\s+process\.env/,
  /Object\.assign\(\s*process\.env/,
  /process\.chdir\(/,
  /process\.(on|once|addListener)\(/,
  /process\.exitCode\s*=/,
];

function testSources(): string[] {
  return ['src', 'test'].flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => file.includes(`${path.sep}test${path.sep}`) || /\.test\.tsx?$/.test(file))
      // This file's own examples are the lines it looks for.
      .filter((file) => file !== import.meta.filename),
  );
}

test('no test file or test helper changes process-wide state that other files in its shard share', () => {
  const sources = testSources();
  assert.ok(sources.length > 50, 'the walk finds the test files');
  const offenders = sources.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => SHARED_STATE.some((pattern) => pattern.test(line)))
      .map(({ index }) => `${path.relative(root, file)}:${index + 1}`),
  );
  assert.deepEqual(offenders, [], 'these lines change what every test in the shard shares');
});

test('the check sees the kinds of line it is there to catch', () => {
  for (const line of [
    "process.env.TZ = 'UTC';",
    "process.env['X'] = '1';",
    'process.chdir(dir);',
    "process.on('exit', f);",
  ])
    assert.ok(
      SHARED_STATE.some((pattern) => pattern.test(line)),
      line,
    );
  assert.ok(!SHARED_STATE.some((pattern) => pattern.test("if (process.env.X === '1') {}")));
});
