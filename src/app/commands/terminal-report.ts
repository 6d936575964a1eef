import type { GlobalAnalytics } from '../../domain/analytics/analytics.js';
import type { TimeSeries } from '../../domain/analytics/time-series.js';

const BAR_WIDTH = 40;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `value / max` of the full width, drawn to an eighth of a cell. */
export function bar(value: number, max: number, width = BAR_WIDTH): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

function rows(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n');
}

/** The overview as a table, for people. */
export function renderOverview(report: GlobalAnalytics): string {
  const topHours = report.most_active_hours
    .filter((h) => h.messages > 0)
    .slice(0, 3)
    .map((h) => `${String(h.hour).padStart(2, '0')}:00 (${h.messages})`);
  const topDays = report.most_active_weekdays
    .filter((d) => d.messages > 0)
    .slice(0, 3)
    .map((d) => `${d.weekday} (${d.messages})`);
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const summary = rows([
    ['Sessions', String(report.total_sessions)],
    ['Messages', `${report.total_messages} (${report.user_messages} from visitors)`],
    ['Messages per session', report.avg_messages_per_session.toFixed(2)],
    ['Average duration', `${report.avg_duration_seconds.toFixed(0)} s`],
    ['Words per session', report.avg_words_per_session.toFixed(1)],
    ['Question rate', `${report.question_rate.toFixed(1)}%`],
    [
      'Sentiment',
      `${percent(report.sentiment.positive)} positive, ${percent(report.sentiment.neutral)} neutral, ${percent(report.sentiment.negative)} negative`,
    ],
    [`Busiest hours (${report.time_zone})`, topHours.join(', ') || '-'],
    ['Busiest weekdays', topDays.join(', ') || '-'],
  ]);
  const topics =
    report.top_topics.length === 0
      ? '  (none yet)'
      : rows(report.top_topics.map((t, i) => [`${i + 1}. ${t.topic}`, String(t.count)]));
  return `Analytics\n${summary}\n\nTop topics\n${topics}\n`;
}

/** Messages per bucket as a bar chart, one line per bucket, labelled in the series' own zone. */
export function renderSeries(series: TimeSeries): string {
  const max = Math.max(0, ...series.points.map((p) => p.messages));
  const width = String(max).length;
  const lines = series.points.map((p) => {
    const label = series.granularity === 'hour' ? p.local_start.replace('T', ' ') : p.local_start.slice(0, 10);
    return `  ${label}  ${String(p.messages).padStart(width)} ${bar(p.messages, max)}`;
  });
  return `Messages per ${series.granularity} (${series.time_zone})\n${lines.join('\n')}\n`;
}
