#!/usr/bin/env node
// Runs every test file (src/**/*.test.ts[x] and test/**/*.test.ts) with node's test runner, then prints one
// closing line: "N passed, N failed, N skipped". Under HAVEN_TEST_STRICT=1 a skipped test fails the run.
// `--fast` leaves out the suites that drive Chromium (test/browser) or start Haven processes (test/process).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const fast = args.includes('--fast');
const filters = args.filter((arg) => arg !== '--fast');
const SLOW_SUITES = [`test${path.sep}browser${path.sep}`, `test${path.sep}process${path.sep}`];

function testFiles(dir) {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .filter((file) => !fast || !SLOW_SUITES.some((suite) => file.startsWith(suite)))
    .sort();
}

const files = [...testFiles('src'), ...testFiles('test')];
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const tapFile = path.join(tmpdir(), `haven-tests-${process.pid}.tap`);
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);

child.on('exit', (code, signal) => {
  let tap = '';
  try {
    tap = readFileSync(tapFile, 'utf8');
    rmSync(tapFile, { force: true });
  } catch {}
  const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped') + count('todo');
  const strict = process.env.HAVEN_TEST_STRICT === '1';
  let status = code ?? 1;
  if (signal) status = 1;
  if (strict && skipped > 0) {
    console.error(`HAVEN_TEST_STRICT=1: ${skipped} test(s) were skipped, which counts as a failure.`);
    status = 1;
  }
  if (passed === 0) status = 1;
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(status);
});
