import { InvalidInput } from '../errors.js';

export interface ZonedParts {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
  /** 0..23 */
  readonly hour: number;
  /** 0..59 */
  readonly minute: number;
  /** 0 = Monday .. 6 = Sunday (ISO 8601). */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;
const QUARTERS_PER_DAY = 96;

const known = new Map<string, string>();

/**
 * An IANA time zone name, checked with Intl, as the caller spelled it: Node's ICU answers
 * older names for some zones ("Asia/Kolkata" -> "Asia/Calcutta"), and a report should show
 * the zone that was asked for. Only case variants of the resolved name (and every spelling of
 * UTC) take Intl's spelling. Anything Intl does not know is invalid input.
 */
export function checkTimeZone(timeZone: string): string {
  const resolved = resolveTimeZone(timeZone);
  return resolved === 'UTC' || resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone;
}

function resolveTimeZone(timeZone: string): string {
  // The default zone: Intl names it so too, and its time-zone data need not load (~5 ms) to say it.
  if (timeZone === 'UTC') return timeZone;
  const key = timeZone.toLowerCase();
  const cached = known.get(key);
  if (cached) return cached;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new InvalidInput(`unknown time zone "${timeZone}"; use an IANA name such as Europe/Lisbon or UTC`);
  }
  // Bounded: keyed case-insensitively, and only names Intl accepted (a few hundred) are remembered.
  known.set(key, resolved);
  return resolved;
}

/**
 * Local wall-clock quarter-hours since the epoch for the start of UTC quarter `quarter`:
 * its local hour of day is `floor(local / 4) mod 24`, its local day `floor(local / 96)`.
 * Offsets change only at DST transitions, so one Intl lookup at each end of a UTC day
 * serves its 96 quarters unless the day holds a transition; `days` carries that per-day
 * answer between calls (pass the same Map for one batch of lookups).
 */
export function localQuarter(quarter: number, timeZone: string, days: Map<number, number | null>): number {
  if (timeZone === 'UTC') return quarter;
  const day = Math.floor(quarter / QUARTERS_PER_DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = offsetMs(day * DAY_MS, timeZone);
    offset = first === offsetMs(day * DAY_MS + (QUARTERS_PER_DAY - 1) * QUARTER_MS, timeZone) ? first : null;
    days.set(day, offset);
  }
  const ms = quarter * QUARTER_MS;
  return Math.floor((ms + (offset ?? offsetMs(ms, timeZone))) / QUARTER_MS);
}

// Keyed by Intl's own name, so however many spellings callers use, there is one formatter a zone.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const resolved = resolveTimeZone(timeZone);
  let formatter = formatters.get(resolved);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: resolved,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(resolved, formatter);
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
    minute: date.getUTCMinutes(),
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
 * The instant a local calendar day starts: the first instant whose wall clock shows that
 * date. Usually local midnight; where a DST jump skips midnight (Havana, Santiago, Beirut)
 * it is the jump itself, and where midnight happens twice it is the first. The instant lies
 * within [wall - 14 h, wall + 12 h] (the extreme offsets), so the offsets in force just
 * before and after that window give every candidate.
 */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const candidates = [
    wall - offsetMs(wall - 15 * HOUR_MS, timeZone),
    wall - offsetMs(wall + 13 * HOUR_MS, timeZone),
  ].sort((a, b) => a - b);
  for (const instant of candidates) {
    const local = zonedParts(instant, timeZone);
    if (local.year === year && local.month === month && local.day === day) return instant;
  }
  return candidates[1] as number;
}

/** Adds whole calendar days to a local date. */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}
