import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { globalAnalytics } from '../../src/domain/analytics/analytics.js';
import { addDelta, bucketsOf, emptyTally, messageDelta } from '../../src/domain/analytics/analytics-counters.js';
import { timeSeries } from '../../src/domain/analytics/time-series.js';

// Half- and quarter-hour offsets, 30-minute DST (Lord Howe), DST in both hemispheres, the
// date line (Kiritimati +14, Pago Pago -11), DST starting at midnight (Santiago, Havana).
const SPECIAL = [
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Eucla',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Tehran',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/Santiago',
  'America/Havana',
  'Europe/Lisbon',
  'America/New_York',
  'UTC',
];
// Antarctica/Casey changed offsets one minute after a quarter-hour in 2020-2022, the only
// zone to do so since 2012 (ADR 0201); the timestamps below start in 2012.
const ALL = Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'Antarctica/Casey');
const FROM = Date.UTC(2012, 0, 1);
const TO = Date.UTC(2040, 0, 1);
const MINUTE = 60_000;

const formats = new Map<string, Intl.DateTimeFormat>();
/** The oracle: what Intl says the wall clock reads, as `YYYY-MM-DD`, hour and weekday name. */
function wallClock(ms: number, timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      weekday: 'long',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    weekday: String(parts.weekday),
  };
}

/** Instants where a special zone's offset changes, found with Intl (so samples can crowd them). */
function transitions(timeZone: string, year: number): number[] {
  const offset = (ms: number) => {
    const w = wallClock(ms, timeZone);
    const minutes = new Date(ms).getUTCMinutes();
    return Date.parse(`${w.date}T${String(w.hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00Z`) - ms;
  };
  const found: number[] = [];
  const start = Date.UTC(year, 0, 1);
  for (let day = 0; day < 366; day++) {
    let low = start + day * 86_400_000;
    let high = low + 86_400_000;
    if (offset(low - (low % MINUTE)) === offset(high - (high % MINUTE))) continue;
    while (high - low > MINUTE) {
      const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offset(mid) === offset(low)) low = mid;
      else high = mid;
    }
    found.push(high);
  }
  return found;
}

const NEAR = SPECIAL.flatMap((zone) => [2026, 2031].flatMap((year) => transitions(zone, year)));

const zone = fc.oneof(fc.constantFrom(...SPECIAL), fc.constantFrom(...ALL));
/** Timestamps within about 30 days of each other (anywhere 2012-2040), many next to a DST change. */
const timestamps = fc.oneof(fc.integer({ min: FROM, max: TO }), fc.constantFrom(...NEAR)).chain((base) =>
  fc.array(
    fc.oneof(
      fc.integer({ min: -180, max: 180 }).map((minutes) => base + minutes * MINUTE),
      fc.integer({ min: 0, max: 30 * 86_400 - 1 }).map((seconds) => base + seconds * 1000),
    ),
    { minLength: 1, maxLength: 40 },
  ),
);

/** Counters as the twin writes them: one visitor message per timestamp. */
function bucketsFor(times: readonly number[]) {
  const tally = emptyTally();
  for (const at of times) {
    const iso = new Date(at).toISOString();
    addDelta(
      tally,
      messageDelta(
        { role: 'user', content: 'hello', timestamp: iso },
        { sessionStartedAt: undefined, previousLastAt: undefined },
      ),
    );
  }
  return bucketsOf(tally);
}

function countBy<T>(items: readonly T[], key: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Sums counts per label (a repeated local hour after a DST fall-back labels two points alike); drops zeros. */
function nonZero(pairs: readonly (readonly [string | number, number])[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const [label, n] of pairs) if (n > 0) sums[String(label)] = (sums[String(label)] ?? 0) + n;
  return sums;
}

describe('analytics in every IANA zone, against Intl.DateTimeFormat', () => {
  it.prop([timestamps, zone], { numRuns: 300 })('hours of day and weekdays', (times, timeZone) => {
    const report = globalAnalytics(bucketsFor(times), new Map(), timeZone);
    const expectedHours = countBy(times, (t) => wallClock(t, timeZone).hour);
    const expectedWeekdays = countBy(times, (t) => wallClock(t, timeZone).weekday);
    expect(nonZero(report.most_active_hours.map((h) => [h.hour, h.messages]))).toEqual(expectedHours);
    expect(nonZero(report.most_active_weekdays.map((d) => [d.weekday, d.messages]))).toEqual(expectedWeekdays);
  });

  it.prop([timestamps, zone], { numRuns: 150 })(
    'days: one point per local date, starting at its first instant',
    (times, timeZone) => {
      const now = new Date(Math.max(...times));
      const series = timeSeries(bucketsFor(times), { days: 40, granularity: 'day', now, timeZone });
      const inRange = times.filter((t) => t >= Date.parse(series.points[0]?.start as string));
      expect(nonZero(series.points.map((p) => [p.local_start.slice(0, 10), p.messages]))).toEqual(
        countBy(inRange, (t) => wallClock(t, timeZone).date),
      );
      for (const point of series.points) {
        const start = Date.parse(point.start);
        expect(wallClock(start, timeZone).date).toBe(point.local_start.slice(0, 10));
        expect(wallClock(start - 1, timeZone).date).not.toBe(point.local_start.slice(0, 10));
      }
    },
  );

  it.prop([timestamps, zone], { numRuns: 50 })(
    'hours: points are labelled by the local hour they hold',
    (times, timeZone) => {
      const now = new Date(Math.max(...times));
      const series = timeSeries(bucketsFor(times), { days: 31, granularity: 'hour', now, timeZone });
      const first = Date.parse(series.points[0]?.start as string);
      const last = Date.parse(series.points.at(-1)?.end as string);
      expect(last).toBeGreaterThan(now.getTime());
      const inRange = times.filter((t) => t >= first);
      const label = (t: number) => {
        const w = wallClock(t, timeZone);
        return `${w.date}T${String(w.hour).padStart(2, '0')}`;
      };
      expect(nonZero(series.points.map((p) => [p.local_start.slice(0, 13), p.messages]))).toEqual(
        countBy(inRange, label),
      );
      for (const point of series.points) expect(label(Date.parse(point.start))).toBe(point.local_start.slice(0, 13));
    },
  );
});
