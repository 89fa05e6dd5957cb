#!/usr/bin/env node
// Runs every test file (src/**/*.test.ts[x] and test/**/*.test.ts) with node's test runner, then prints one
// closing line: "N passed, N failed, N skipped". Under HAVEN_TEST_STRICT=1 a skipped test fails the run.
// `--fast` leaves out the suites that drive Chromium (test/browser) or start Haven processes (test/process).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
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

// Each test file used to run in a process of its own, and each paid about 2.5 s of CPU to load Haven and its
// dependencies: over 100 files, more than half the suite's work. Files now run in-process (no test file sets
// process-wide state: a test in test/harness.test.ts says so), in as many shards as there are cores, files
// dealt to the shards by size so the shards finish together.
const SHARDS = Math.max(
  1,
  Math.min(Number(process.env.HAVEN_TEST_SHARDS) || availableParallelism(), files.length),
);
const shards = Array.from({ length: SHARDS }, () => ({ files: [], weight: 0 }));
for (const file of [...files].sort((a, b) => weightOf(b) - weightOf(a))) {
  const lightest = shards.reduce((best, shard) => (shard.weight < best.weight ? shard : best));
  lightest.files.push(file);
  lightest.weight += weightOf(file);
}

/** A file's expected cost: browser and process suites start Chromium or Haven, so they weigh more than their size. */
function weightOf(file) {
  const size = statSync(path.join(root, file)).size;
  return SLOW_SUITES.some((suite) => file.startsWith(suite)) ? size * 4 : size;
}

function runShard(shard, index) {
  const tapFile = path.join(tmpdir(), `haven-tests-${process.pid}-${index}.tap`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-isolation=none',
        // A handle a test forgot (a timer, a socket) must not hold the run open once every test has ended.
        '--test-force-exit',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        '--test-reporter=tap',
        `--test-reporter-destination=${tapFile}`,
        ...shard.files.sort(),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'test' } },
    );
    // Whole lines only, so two shards' reports never interleave mid-line.
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk.toString('utf8');
      const end = pending.lastIndexOf('\n');
      if (end >= 0) {
        process.stdout.write(pending.slice(0, end + 1));
        pending = pending.slice(end + 1);
      }
    });
    child.on('exit', (code, signal) => {
      if (pending) process.stdout.write(`${pending}\n`);
      let tap = '';
      try {
        tap = readFileSync(tapFile, 'utf8');
        rmSync(tapFile, { force: true });
      } catch {}
      resolve({ code: signal ? 1 : (code ?? 1), tap });
    });
  });
}

const results = await Promise.all(shards.filter((shard) => shard.files.length > 0).map(runShard));
const count = (name) =>
  results.reduce(
    (sum, { tap }) => sum + Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0),
    0,
  );
const passed = count('pass');
const failed = count('fail') + count('cancelled');
const skipped = count('skipped') + count('todo');
const strict = process.env.HAVEN_TEST_STRICT === '1';
let status = results.some(({ code }) => code !== 0) ? 1 : 0;
if (strict && skipped > 0) {
  console.error(`HAVEN_TEST_STRICT=1: ${skipped} test(s) were skipped, which counts as a failure.`);
  status = 1;
}
if (passed === 0) status = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);
