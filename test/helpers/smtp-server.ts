import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for tests (the `smtp-server` package), keeping every message it accepts.
 * It can be stopped and started again on the same port, to test delivery after the server was down.
 */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The message as it arrived: headers, a blank line, the body. */
  raw: string;
  messageId: string | undefined;
}

export interface TestSmtpServer {
  readonly received: ReceivedMail[];
  /** Fixed at creation, so a transport can be pointed here before the server is listening. */
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` (with the test credentials when the server asks for them). */
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once `count` messages have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
}

export const TEST_SMTP_USER = 'haven';
export const TEST_SMTP_PASSWORD = 'smtp-test-password';

function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** Creates the server and reserves its port; `started: false` leaves it down until start(). */
export async function createTestSmtpServer(
  options: { started?: boolean; auth?: boolean } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const auth = options.auth ?? true;
  let server: SMTPServer | undefined;

  function listen(port: number): Promise<number> {
    const instance = new SMTPServer({
      secure: false,
      disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !auth,
      // Plain-text AUTH over an unencrypted connection, which is fine on loopback in a test.
      allowInsecureAuth: true,
      logger: false,
      onAuth(credentials, _session, done) {
        if (credentials.username === TEST_SMTP_USER && credentials.password === TEST_SMTP_PASSWORD) {
          done(null, { user: credentials.username });
        } else {
          done(new Error('Invalid username or password'));
        }
      },
      onData(stream, session, done) {
        readStream(stream).then((raw) => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            raw,
            messageId: /^Message-ID:\s*(.+?)\s*$/im.exec(raw)?.[1],
          });
          done();
        }, done);
      },
    });
    return new Promise((resolve, reject) => {
      instance.once('error', reject);
      instance.listen(port, '127.0.0.1', () => {
        server = instance;
        resolve((instance.server.address() as AddressInfo).port);
      });
    });
  }

  async function stop(): Promise<void> {
    const running = server;
    server = undefined;
    if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
  }

  const port = await listen(0);
  if (options.started === false) await stop();
  const credentials = auth ? `${TEST_SMTP_USER}:${TEST_SMTP_PASSWORD}@` : '';

  return {
    received,
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    async start() {
      if (!server) await listen(port);
    },
    stop,
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} message(s) at the test SMTP server, got ${received.length}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return received;
    },
  };
}
