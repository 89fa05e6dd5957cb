import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { spawnHaven } from '../helpers/cli.js';

function connectTo(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

function readAll(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk;
  });
  return new Promise((resolve) => socket.on('close', () => resolve(text)));
}

test('SIGTERM stops new connections, lets a request in flight finish, closes the database and exits 0', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-shutdown-'));
  const file = path.join(dir, 'haven.db');
  const child = spawnHaven(['serve'], {
    env: { HOST: '127.0.0.1', PORT: '0', DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'info' },
  });
  let stdout = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += chunk;
        const match = stderr.match(/at http:\/\/127\.0\.0\.1:(\d+)/);
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', () => reject(new Error(`Haven exited before listening: ${stderr}`)));
    });

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({
      'csp-report': { 'effective-directive': 'img-src', 'blocked-uri': 'inline' },
    });
    const inFlight = await connectTo(port);
    const response = readAll(inFlight);
    inFlight.write(
      `POST /api/csp-report HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/csp-report\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));

    await assert.rejects(connectTo(port), /ECONNREFUSED/, 'no new connection is accepted while draining');
    assert.equal(child.exitCode, null, 'Haven waits for the request in flight');

    inFlight.write(body.slice(10));
    const answer = await response;
    assert.match(answer, /^HTTP\/1\.1 204 /, 'the request in flight is answered');
    assert.match(
      answer,
      /\r\nconnection: close\r\n/i,
      'and told to close, so keep-alive does not hold the process',
    );
    assert.equal(await exited, 0);
    assert.match(stdout, /"msg":"shutting down: finishing requests in flight"/);
    assert.match(stdout, /"msg":"shut down cleanly"/);
    assert.equal(
      existsSync(`${file}-wal`),
      false,
      'SQLite was closed cleanly (its WAL checkpointed and removed)',
    );
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
