import { describe, expect, it } from 'vitest';
import { bar, renderOverview, renderSeries } from '../../src/app/commands/terminal-report.js';
import { globalAnalytics } from '../../src/domain/analytics/analytics.js';
import { emptyCounters, quarterOf } from '../../src/domain/analytics/analytics-counters.js';
import { timeSeries } from '../../src/domain/analytics/time-series.js';

const quarter = quarterOf('2026-03-03T09:00:00Z');
const buckets = [
  { quarter, counters: { ...emptyCounters(), sessions: 2, messages: 8, user_messages: 4, questions: 3 } },
];

describe('terminal report', () => {
  it('draws bars proportional to the largest value', () => {
    expect(bar(10, 10, 10)).toBe('██████████');
    expect(bar(5, 10, 10)).toBe('█████');
    expect(bar(0, 10, 10)).toBe('');
    expect(bar(1, 1000, 10)).toBe('▏');
  });

  it('prints the overview as a table and the days as a bar chart', () => {
    const overview = renderOverview(globalAnalytics(buckets, new Map([['room acoustics', 3]]), 'UTC'));
    expect(overview).toMatch(/Sessions\s+2/);
    expect(overview).toMatch(/Question rate\s+75\.0%/);
    expect(overview).toMatch(/1\. room acoustics\s+3/);
    expect(overview).toContain('09:00 (8)');
    const chart = renderSeries(
      timeSeries(buckets, { days: 3, granularity: 'day', now: new Date('2026-03-04T10:00:00Z') }),
    );
    expect(chart.split('\n').filter((l) => /^\s+2026-03-0\d/.test(l))).toHaveLength(3);
    expect(chart).toMatch(/2026-03-03\s+8 █+/);
  });

  it('labels days in the zone asked for, not by their UTC date (issue 13)', () => {
    // 2026-03-03T20:00Z is already 05:00 on March 4 in Tokyo.
    const late = [{ quarter: quarterOf('2026-03-03T20:00:00Z'), counters: { ...emptyCounters(), messages: 5 } }];
    const now = new Date('2026-03-04T10:00:00Z');
    const tokyo = renderSeries(timeSeries(late, { days: 2, granularity: 'day', now, timeZone: 'Asia/Tokyo' }));
    expect(tokyo).toContain('Messages per day (Asia/Tokyo)');
    expect(tokyo).toMatch(/2026-03-03\s+0\s*\n/);
    expect(tokyo).toMatch(/2026-03-04\s+5 █+/);
    const kolkata = renderSeries(timeSeries(late, { days: 1, granularity: 'hour', now, timeZone: 'Asia/Kolkata' }));
    // Local hours start at :30 UTC there: 20:00Z falls in the local hour 01:00-02:00.
    expect(kolkata).toMatch(/2026-03-04 01:00\s+5 █+/);
  });
});
