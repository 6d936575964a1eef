import type { Logger } from '../../ports/logger.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: object;
  readonly message: string | undefined;
}

/** Keeps log lines in memory so tests can assert what was (and was not) logged. */
export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(fields: object, message?: string): void {
    this.entries.push({ level: 'debug', fields, message });
  }
  info(fields: object, message?: string): void {
    this.entries.push({ level: 'info', fields, message });
  }
  warn(fields: object, message?: string): void {
    this.entries.push({ level: 'warn', fields, message });
  }
  error(fields: object, message?: string): void {
    this.entries.push({ level: 'error', fields, message });
  }
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
