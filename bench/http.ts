import http from 'node:http';
import net from 'node:net';

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
 * The ceiling: a bare node:http server answering each path with the response Haven gave for it (the same
 * headers and body), from memory, with no routing, hooks, rate limiting or rendering.
 */
export interface Ceiling {
  url: string;
  close(): Promise<void>;
}

export function startCeiling(pages: Map<string, Answer>): Promise<Ceiling> {
  const server = http.createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    if (page === undefined) {
      response.writeHead(404, { 'content-length': '0' });
      response.end();
      return;
    }
    response.writeHead(page.status, page.headers);
    response.end(page.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // Port 0: the kernel hands out a free loopback port, with no window for anyone else to take it.
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      if (address === null || typeof address !== 'object') {
        reject(new Error('the ceiling server has no port'));
        return;
      }
      resolve({
        url: `http://${LOOPBACK}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
