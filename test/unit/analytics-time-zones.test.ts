import { describe, expect, it } from 'vitest';
import { globalAnalytics } from '../../src/domain/analytics/analytics.js';
import { addDelta, bucketsOf, emptyTally, messageDelta } from '../../src/domain/analytics/analytics-counters.js';
import { timeSeries } from '../../src/domain/analytics/time-series.js';
import { checkTimeZone } from '../../src/domain/analytics/time-zone.js';

/** Counters for one visitor message at each instant, as the twin writes them. */
function bucketsAt(...instants: string[]) {
  const tally = emptyTally();
  for (const timestamp of instants) {
    addDelta(
      tally,
      messageDelta(
        { role: 'user', content: 'hi', timestamp },
        { sessionStartedAt: undefined, previousLastAt: undefined },
      ),
    );
  }
  return bucketsOf(tally);
}

const busiest = (buckets: ReturnType<typeof bucketsAt>, zone: string) => {
  const report = globalAnalytics(buckets, [], zone);
  return {
    hours: Object.fromEntries(report.most_active_hours.filter((h) => h.messages > 0).map((h) => [h.hour, h.messages])),
    weekdays: Object.fromEntries(
      report.most_active_weekdays.filter((d) => d.messages > 0).map((d) => [d.weekday, d.messages]),
    ),
  };
};

describe('analytics in zones whose offset is not whole hours', () => {
  // Issue 13's case: 10:10Z and 10:50Z (two messages each) and 18:45Z (two) on Friday 2026-11-20.
  const friday = bucketsAt(
    ...['10:10', '10:10', '10:50', '10:50', '18:45', '18:45'].map((t) => `2026-11-20T${t}:00.000Z`),
  );

  it('gives Asia/Kolkata (+05:30) its own hours, weekdays and days', () => {
    expect(busiest(friday, 'Asia/Kolkata')).toEqual({
      hours: { 15: 2, 16: 2, 0: 2 },
      weekdays: { Friday: 4, Saturday: 2 },
    });
    const days = timeSeries(friday, {
      days: 2,
      granularity: 'day',
      now: new Date('2026-11-21T12:00:00Z'),
      timeZone: 'Asia/Kolkata',
    });
    expect(days.points.map((p) => [p.local_start, p.start, p.messages])).toEqual([
      ['2026-11-20T00:00', '2026-11-19T18:30:00.000Z', 4],
      ['2026-11-21T00:00', '2026-11-20T18:30:00.000Z', 2],
    ]);
  });

  it.each([
    ['Asia/Kathmandu', { 15: 2, 16: 2, 0: 2 }, { Friday: 4, Saturday: 2 }],
    ['Australia/Eucla', { 18: 2, 19: 2, 3: 2 }, { Friday: 4, Saturday: 2 }],
    ['Australia/Adelaide', { 20: 2, 21: 2, 5: 2 }, { Friday: 4, Saturday: 2 }],
    ['Australia/Lord_Howe', { 21: 4, 5: 2 }, { Friday: 4, Saturday: 2 }],
    ['Pacific/Chatham', { 23: 2, 0: 2, 8: 2 }, { Friday: 2, Saturday: 4 }],
    ['America/St_Johns', { 6: 2, 7: 2, 15: 2 }, { Friday: 6 }],
    ['UTC', { 10: 4, 18: 2 }, { Friday: 6 }],
  ])('%s', (zone, hours, weekdays) => {
    expect(busiest(friday, zone)).toEqual({ hours, weekdays });
  });

  it('follows Lord Howe Island through its 30-minute DST change', () => {
    // 2026-04-05 02:00 (+11) becomes 01:30 (+10:30) at 15:00Z: 14:50Z reads 01:50, 15:10Z reads 01:40.
    const buckets = bucketsAt('2026-04-04T14:50:00.000Z', '2026-04-04T15:10:00.000Z', '2026-04-04T15:35:00.000Z');
    expect(busiest(buckets, 'Australia/Lord_Howe').hours).toEqual({ 1: 2, 2: 1 });
    const hours = timeSeries(buckets, {
      days: 1,
      granularity: 'hour',
      now: new Date('2026-04-04T16:40:00Z'),
      timeZone: 'Australia/Lord_Howe',
    });
    expect(hours.points.slice(-3).map((p) => [p.local_start, p.start, p.messages])).toEqual([
      ['2026-04-05T01:00', '2026-04-04T14:00:00.000Z', 2], // an hour and a half long
      ['2026-04-05T02:00', '2026-04-04T15:30:00.000Z', 1],
      ['2026-04-05T03:00', '2026-04-04T16:30:00.000Z', 0],
    ]);
    // Spring forward: 02:00 (+10:30) becomes 02:30 (+11) at 15:30Z.
    const spring = timeSeries([], {
      days: 1,
      granularity: 'hour',
      now: new Date('2025-10-04T16:10:00Z'),
      timeZone: 'Australia/Lord_Howe',
    });
    expect(spring.points.slice(-3).map((p) => [p.local_start, p.start])).toEqual([
      ['2025-10-05T01:00', '2025-10-04T14:30:00.000Z'],
      ['2025-10-05T02:30', '2025-10-04T15:30:00.000Z'],
      ['2025-10-05T03:00', '2025-10-04T16:00:00.000Z'],
    ]);
  });

  it('starts a day at its first instant where DST skips midnight (Havana)', () => {
    const days = timeSeries(bucketsAt('2026-03-08T04:30:00.000Z', '2026-03-08T05:10:00.000Z'), {
      days: 3,
      granularity: 'day',
      now: new Date('2026-03-09T12:00:00Z'),
      timeZone: 'America/Havana',
    });
    expect(days.points.map((p) => [p.local_start, p.start, p.messages])).toEqual([
      ['2026-03-07T00:00', '2026-03-07T05:00:00.000Z', 1],
      ['2026-03-08T01:00', '2026-03-08T05:00:00.000Z', 1],
      ['2026-03-09T00:00', '2026-03-09T04:00:00.000Z', 0],
    ]);
  });

  it('keeps the name the zone was asked by, and refuses unknown zones', () => {
    expect(checkTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(checkTimeZone('Europe/Kyiv')).toBe('Europe/Kyiv');
    expect(checkTimeZone('etc/utc')).toBe('UTC');
    expect(checkTimeZone('UTC')).toBe('UTC');
    expect(checkTimeZone('utc')).toBe('UTC');
    expect(() => checkTimeZone('Mars/Olympus_Mons')).toThrow(/unknown time zone/);
  });
});
