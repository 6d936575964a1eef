import { figureList, formatMs, formatShare, formatUsd, numbers, panelState } from './dashboard-kit.js';

const $ = (id) => document.getElementById(id);

function percentileRows(body, rows) {
  body.replaceChildren(
    ...rows.map(([label, figures]) => {
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      row.append(th);
      for (const key of ['p50', 'p95', 'p99']) {
        const td = document.createElement('td');
        td.textContent = formatMs(figures?.[key]);
        row.append(td);
      }
      const count = document.createElement('td');
      count.textContent = numbers.format(figures?.count ?? 0);
      row.append(count);
      return row;
    }),
  );
}

/** Response time, usage and cost, and satisfaction, from GET /analytics over the chosen period. */
export function renderQuality(analytics) {
  if (!analytics.latency_ms) {
    // A server from before answer quality existed.
    for (const name of ['latency', 'cost', 'satisfaction'])
      panelState(name, 'Not available on this server yet.', 'unavailable');
    return;
  }
  for (const name of ['latency', 'cost', 'satisfaction']) panelState(name, '');
  percentileRows($('latency').tBodies[0], [
    ['Whole answer', analytics.latency_ms],
    ['First token (streamed)', analytics.time_to_first_token_ms],
  ]);
  if ((analytics.latency_ms.count ?? 0) === 0) panelState('latency', 'No answers in this period.', 'empty');

  const answers = analytics.answers?.total ?? 0;
  const cost = analytics.cost_usd ?? 0;
  figureList($('cost-figures'), [
    ['Answers', numbers.format(answers)],
    ['Tokens in', numbers.format(analytics.tokens?.input ?? 0)],
    ['Tokens out', numbers.format(analytics.tokens?.output ?? 0)],
    ['Cost', formatUsd(cost)],
    ['Per answer', answers === 0 ? '–' : formatUsd(cost / answers)],
    ['Resting answers', numbers.format(analytics.answers?.limited ?? 0)],
  ]);

  const feedback = analytics.feedback ?? {};
  figureList($('satisfaction-figures'), [
    ['Thumbs up', numbers.format(feedback.up ?? 0)],
    ['Thumbs down', numbers.format(feedback.down ?? 0)],
    ['Satisfaction', formatShare(feedback.satisfaction_rate)],
    ['Grounded answers', formatShare(analytics.answers?.grounded_rate)],
  ]);
}
