import type { Clock } from '../../ports/clock.js';

/** The process's wall clock: the one place production reads the time. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
