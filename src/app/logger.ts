import { pino } from 'pino';
import type { Logger } from '../ports/logger.js';
import type { Config } from './config.js';

/**
 * JSON lines on stdout. Secrets never reach a log line: credentials are redacted
 * by path, and request bodies (visitor text) are never logged whole.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'digital-twin' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['authorization', 'headers.authorization', 'req.headers.authorization', 'apiKey', '*.apiKey', 'token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
