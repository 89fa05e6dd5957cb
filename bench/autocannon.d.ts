/**
 * The part of autocannon@8's programmatic API that the bench uses (the package ships no types).
 * Shapes follow node_modules/autocannon/README.md, sections "autocannon(opts[, cb])" and "Results".
 */
declare module 'autocannon' {
  export interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds to wait for one response. */
    timeout?: number;
    /** Worker threads that fire the requests; without it the load runs on the caller's thread. */
    workers?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Requests in turn; `setupRequest` may change each one before it is sent (only without workers). */
    requests?: {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: { body?: string; [key: string]: unknown }) => {
        body?: string;
        [key: string]: unknown;
      };
    }[];
    title?: string;
  }

  /** An hdr-histogram-percentiles-obj summary. */
  export interface Histogram {
    min: number;
    max: number;
    average: number;
    mean: number;
    stddev: number;
    total: number;
    p2_5: number;
    p50: number;
    p75: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    p99_99: number;
    p99_999: number;
  }

  export interface Result {
    title?: string;
    url: string;
    /** Requests completed each second. */
    requests: Histogram;
    /** Response latency in milliseconds. */
    latency: Histogram;
    /** Response bytes each second. */
    throughput: Histogram;
    /** Seconds the run took. */
    duration: number;
    /** Connection errors, timeouts included. */
    errors: number;
    /** Connection timeouts (also counted in errors). */
    timeouts: number;
    mismatches: number;
    non2xx: number;
    connections: number;
    pipelining: number;
    statusCodeStats: Record<string, { count: number }>;
  }

  export interface Instance extends PromiseLike<Result> {
    stop(): void;
  }

  export default function autocannon(options: Options): Instance;
}
