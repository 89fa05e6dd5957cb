// The ceiling, in a process of its own like Haven: a bare node:http server answering each path with the
// response Haven gave for it (status, headers and body, read from the JSON file named on the command
// line), from memory. It prints its port on standard output once it listens.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const pages = new Map(
  Object.entries(JSON.parse(readFileSync(process.argv[2], 'utf8'))).map(([path, page]) => [
    path,
    { status: page.status, headers: page.headers, body: Buffer.from(page.body, 'base64') },
  ]),
);

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
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
