import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger };

/**
 * Fields that may carry health information, secrets or identity are removed wherever they appear in a log
 * object. Requests are never logged whole (see http/request-log.ts); this is the second line of defence.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.body',
  'req.query',
  'res.headers["set-cookie"]',
  'body',
  'query',
  '*.body',
  '*.password',
  '*.token',
  '*.secret',
  '*.email',
  '*.phone',
  '*.name',
  '*.dob',
  '*.notes',
  '*.answers',
  'password',
  'token',
  'secret',
  'email',
  'phone',
  'dob',
  'answers',
];

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; standard output when absent. Tests pass a stream to read every line. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'haven' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}
