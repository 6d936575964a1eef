import { describe, expect, it } from 'vitest';
import { bar, renderOverview, renderSeries } from '../../src/app/commands/terminal-report.js';
import { globalAnalytics, timeSeries } from '../../src/domain/analytics/analytics.js';
import { emptyCounters } from '../../src/domain/analytics/analytics-counters.js';

const hour = Math.floor(Date.parse('2026-03-03T09:00:00Z') / 3_600_000);
const buckets = [{ hour, counters: { ...emptyCounters(), sessions: 2, messages: 8, user_messages: 4, questions: 3 } }];

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
});
