import { InvalidInput } from '../errors.js';

export interface ZonedParts {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
  /** 0..23 */
  readonly hour: number;
  /** 0 = Monday .. 6 = Sunday (ISO 8601). */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const known = new Map<string, string>();

/** An IANA time zone name as Intl spells it ("Europe/Lisbon", "UTC"); anything else is invalid input. */
export function checkTimeZone(timeZone: string): string {
  const cached = known.get(timeZone);
  if (cached) return cached;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new InvalidInput(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Lisbon or UTC`);
  }
  // Bounded: only names Intl accepted are remembered, and there are a few hundred of those.
  known.set(timeZone, resolved);
  return resolved;
}

/**
 * Local wall-clock hours since the epoch for the start of UTC hour `hour`. Offsets change
 * only at DST transitions, so one Intl lookup at each end of a UTC day serves its 24 hours
 * unless the day holds a transition; `days` carries that per-day answer between calls.
 */
export function localHour(hour: number, timeZone: string, days: Map<number, number | null>): number {
  if (timeZone === 'UTC') return hour;
  const day = Math.floor(hour / 24);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = offsetMs(day * 24 * HOUR_MS, timeZone);
    offset = first === offsetMs((day * 24 + 23) * HOUR_MS, timeZone) ? first : null;
    days.set(day, offset);
  }
  const ms = hour * HOUR_MS;
  return Math.floor((ms + (offset ?? offsetMs(ms, timeZone))) / HOUR_MS);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: checkTimeZone(timeZone),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock date and hour of an instant in a time zone. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const local = ms + offsetMs(ms, timeZone);
  const date = new Date(local);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    weekday: (date.getUTCDay() + 6) % 7,
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
export function offsetMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day as number,
    parts.hour as number,
    parts.minute as number,
  );
  return wall - (ms - (((ms % 60_000) + 60_000) % 60_000));
}

/**
 * The instant a local calendar day starts. Two passes settle the offset across a DST
 * change; where midnight does not exist (a DST jump at 00:00) the day starts at the
 * first instant that does.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return instant;
}

/** Adds whole calendar days to a local date. */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
