import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Pinning, pinnedCommand } from './cpus.js';

/** Every address the bench touches is this one: nothing leaves the machine. */
export const LOOPBACK = '127.0.0.1';

export interface Answer {
  status: number;
  contentType: string;
  /** Every header Haven sent, except those node:http writes for itself on each response. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Headers node:http adds to every response by itself (the ceiling's server adds them too). */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * A port nobody listens on right now, found by listening on port 0 and closing again. Another process
 * could take it before Haven binds it; Haven would then fail to start and the bench says so.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

/**
 * One GET on a fresh connection. node:http sends only Host and Connection, so no Accept-Encoding:
 * the answer is the uncompressed page, as autocannon (which sends none either) will receive it.
 */
export function get(url: string, timeoutMs = 2000): Promise<Answer> {
  const target = new URL(url);
  if (target.hostname !== LOOPBACK) {
    return Promise.reject(new Error(`the bench only talks to ${LOOPBACK}, not ${url}`));
  }
  return new Promise((resolve, reject) => {
    const request = http.get(target, { agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          contentType: response.headers['content-type'] ?? '',
          headers: Object.fromEntries(
            Object.entries(response.headers)
              .filter(([name, value]) => !PER_CONNECTION.has(name) && typeof value === 'string')
              .map(([name, value]) => [name, value as string]),
          ),
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} in ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The ceiling: a bare node:http server, in a process of its own (bench/ceiling-server.mjs), answering each
 * path with the response Haven gave for it (the same headers and body), from memory, with no routing,
 * hooks, rate limiting or rendering.
 */
export interface Ceiling {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export async function startCeiling(pages: Map<string, Answer>, pinning: Pinning | null): Promise<Ceiling> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haven-ceiling-'));
  const file = path.join(dir, 'pages.json');
  writeFileSync(
    file,
    JSON.stringify(
      Object.fromEntries(
        [...pages].map(([url, page]) => [
          url,
          { status: page.status, headers: { ...page.headers }, body: page.body.toString('base64') },
        ]),
      ),
    ),
  );
  const script = fileURLToPath(new URL('./ceiling-server.mjs', import.meta.url));
  const [command, args] = pinnedCommand(pinning, process.execPath, [script, file]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the ceiling server exited (${code}) before listening`)));
    child.stdout?.setEncoding('utf8').once('data', (text: string) => resolve(Number(text.trim())));
  });
  return {
    url: `http://${LOOPBACK}:${port}`,
    pid: child.pid ?? 0,
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => {
          rmSync(dir, { recursive: true, force: true });
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}
