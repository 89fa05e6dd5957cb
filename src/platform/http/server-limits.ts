/**
 * How long and how much Haven's HTTP server waits for a client, in one place: docs/architecture.md lists
 * the same values, and server-limits.test.ts holds the two together.
 *
 * Node checks the header and request timeouts only every `connectionsCheckingInterval` (30 seconds by
 * default), and its `headersTimeout` defaults to 60 seconds: a connection that sent nothing, or its headers
 * a byte at a time, could hold a socket for a minute and a half. Each limit here is overrun by at most a
 * second.
 */
export const SERVER_LIMITS = {
  /** A connection that sends nothing, or its headers slowly, is answered 408 and closed. */
  headersTimeout: 10_000,
  /** The whole request, headers and body, must have arrived by then (408). */
  requestTimeout: 30_000,
  /** How often Node checks the two timeouts above. */
  connectionsCheckingInterval: 1_000,
  /** An idle keep-alive connection is closed; proxies must drop theirs first (docs/deployment.md). */
  keepAliveTimeout: 5_000,
  /**
   * A socket with no traffic either way (a client that stopped reading its answer) is closed. Longer than
   * the request timeout: the slowest answer (the settings page's audit-chain check) sends nothing until done.
   */
  connectionTimeout: 60_000,
  /** A larger body is refused with 413 before it is parsed. */
  bodyLimit: 64 * 1024,
} as const;

/** The options that apply SERVER_LIMITS to Fastify and to the Node server it creates. */
export function serverLimitOptions() {
  return {
    bodyLimit: SERVER_LIMITS.bodyLimit,
    requestTimeout: SERVER_LIMITS.requestTimeout,
    keepAliveTimeout: SERVER_LIMITS.keepAliveTimeout,
    connectionTimeout: SERVER_LIMITS.connectionTimeout,
    // Given to http.createServer, which Fastify otherwise leaves at Node's defaults.
    http: {
      headersTimeout: SERVER_LIMITS.headersTimeout,
      requestTimeout: SERVER_LIMITS.requestTimeout,
      connectionsCheckingInterval: SERVER_LIMITS.connectionsCheckingInterval,
    },
  };
}
