// uPlot (bundled locally, loaded by a classic script as window.uPlot) draws the charts.
const { uPlot } = window;

function palette() {
  const styles = getComputedStyle(document.documentElement);
  const read = (name, fallback) => styles.getPropertyValue(name).trim() || fallback;
  return { text: read('--muted', '#5b6470'), grid: read('--border', '#d8dde3') };
}

const SERIES_COLORS = ['#2f5bd3', '#1a9e77', '#d95f02', '#7570b3'];

function axes(xValues) {
  const { text, grid } = palette();
  const x = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
  if (xValues) x.values = xValues;
  return [x, { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 44 }];
}

const charts = new Map();

/** Draws (or redraws) a chart in `container`, sized to it and kept sized on resize. */
function draw(container, options, data) {
  charts.get(container)?.destroy();
  const width = Math.max(240, container.clientWidth);
  const chart = new uPlot({ ...options, width, height: options.height ?? 240 }, data, container);
  charts.set(container, chart);
  return chart;
}

const resize = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const chart = charts.get(entry.target);
    const width = Math.max(240, Math.floor(entry.contentRect.width));
    if (chart && chart.width !== width) chart.setSize({ width, height: chart.height });
  }
});

const LABEL_FORMATS = {
  hour: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  day: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }),
  week: new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' }),
};
const AXIS_TITLES = { hour: 'Hour (your time)', day: 'Day', week: 'Week starting' };

// Ticks sit on bucket starts (never between them, which uPlot would label with hours), as
// many as fit: one per bucket when there is room, every second, third... otherwise.
function bucketTicks(times, width) {
  const fit = Math.max(2, Math.floor(width / 90));
  const step = Math.max(1, Math.ceil(times.length / fit));
  return times.filter((_, i) => i % step === 0);
}

/**
 * Lines over time: `series` is [{label, values}] aligned with `times` (epoch seconds of
 * bucket starts); `granularity` ('hour' | 'day' | 'week') names the x axis and its labels.
 */
export function timeChart(container, times, series, { granularity = 'day' } = {}) {
  resize.observe(container);
  const format = LABEL_FORMATS[granularity] ?? LABEL_FORMATS.day;
  const [x, y] = axes((_u, ticks) => {
    const labels = ticks.map((t) => format.format(new Date(t * 1000)));
    // What the axis says, for assistive technology and tests (the canvas itself says nothing).
    container.dataset.xLabels = labels.join('|');
    return labels;
  });
  x.splits = (u) => bucketTicks(times, u.width);
  x.label = AXIS_TITLES[granularity] ?? '';
  x.labelSize = 24;
  x.size = 36;
  return draw(
    container,
    {
      // Room on the right for the last bucket's label.
      padding: [12, 28, 0, 0],
      scales: { x: { time: true } },
      axes: [x, y],
      series: [
        {},
        ...series.map((s, i) => ({
          label: s.label,
          stroke: SERIES_COLORS[i % SERIES_COLORS.length],
          width: 2,
          points: { show: times.length < 60 },
        })),
      ],
    },
    [times, ...series.map((s) => s.values)],
  );
}

/** Bars over categories (hours, weekdays): `labels[i]` names bar i. */
export function barChart(container, labels, values, label) {
  resize.observe(container);
  const color = SERIES_COLORS[0];
  return draw(
    container,
    {
      height: 200,
      scales: { x: { time: false, range: [-0.6, labels.length - 0.4] } },
      axes: axes((_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? (labels[t] ?? '') : ''))),
      legend: { show: false },
      series: [
        {},
        {
          label,
          fill: `${color}cc`,
          stroke: color,
          paths: uPlot.paths.bars({ size: [0.7, 60] }),
          points: { show: false },
        },
      ],
    },
    [labels.map((_, i) => i), values],
  );
}
