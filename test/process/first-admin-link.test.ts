import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { spawnHaven } from '../helpers/cli.js';

/**
 * On a database with no staff, `haven serve` writes a one-time link for the first administrator to standard
 * error and never through the logger (decision 013): log lines are shipped and kept, and whoever reads them
 * must not be able to make themselves the clinic's administrator. Haven runs as a process here, so its
 * standard error and its log (standard output) are read apart, as an operator's service manager keeps them.
 */

test('the first-admin setup link goes to standard error only: no log line holds it, even once it is used', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-first-admin-'));
  const child = spawnHaven(['serve'], {
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: `sqlite:${path.join(dir, 'haven.db')}`,
      // The most talkative level: whatever Haven might log, it logs here.
      LOG_LEVEL: 'trace',
      HAVEN_MASTER_KEYS: `first:${randomBytes(32).toString('base64')}`,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      const look = () => {
        const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match) resolve(match[1]!);
      };
      child.stderr?.on('data', look);
      child.once('exit', () => reject(new Error(`Haven exited before listening: ${stderr.slice(-2000)}`)));
    });

    const links = [...stderr.matchAll(/(\S+\/staff\/setup\?token=([A-Za-z0-9_-]+))/g)];
    assert.equal(links.length, 1, 'standard error shows the setup link once');
    const [, link, token] = links[0]!;
    assert.ok(token!.length >= 20, 'the link carries its token');
    assert.match(stderr, /Create the first administrator within 30 minutes/);

    // The link is opened and its page used, so the request log has had its chance to record it.
    const url = new URL(link!);
    const opened = await fetch(`${origin}${url.pathname}${url.search}`, { redirect: 'manual' });
    assert.equal(opened.status, 303, 'the link works');
    const cookie = opened.headers.get('set-cookie')?.split(';')[0] ?? '';
    const setup = await fetch(`${origin}/staff/setup`, { headers: { cookie } });
    assert.equal(setup.status, 200);
    assert.match(await setup.text(), /Choose a password/i);
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(await exited, 0, `Haven stopped cleanly, its log flushed: ${stderr.slice(-2000)}`);

  const lines = stdout.split('\n').filter(Boolean);
  const entries = lines.map((line) => JSON.parse(line) as { msg?: string; path?: string });
  assert.ok(
    entries.some((entry) => entry.msg === 'Haven is listening'),
    'the log was captured',
  );
  assert.ok(
    entries.some((entry) => entry.msg === 'request' && entry.path === '/staff/setup'),
    'the opened link was logged, by its path',
  );
  const token = /\/staff\/setup\?token=([A-Za-z0-9_-]+)/.exec(stderr)![1]!;
  assert.equal(stdout.includes(token), false, 'no log line holds the setup token');
  assert.equal(stdout.includes('token='), false);
  assert.equal(stderr.includes(token), true);
});
