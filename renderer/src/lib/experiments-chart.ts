// One chart of an experiment, from its declared ChartSpec and whatever halves have
// results: a chart.js configuration and the CSV behind it. The same code draws
// every experiment; emulated series are dashed, native ones solid.

import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ChartSpec, ExperimentResult, Series } from '../../../electron/common/experiment-types.js';

export interface ChartData {
  config: ChartConfiguration;
  csv: { header: string[]; rows: (string | number)[][] };
  /** Points per half, for the caption and for tests. */
  points: Record<string, number>;
}

const COLORS: Record<Series['half'], string[]> = {
  native: ['#1f6feb', '#0f5132', '#6f42c1'],
  emulated: ['#d2691e', '#b42318', '#a07a00'],
};

function seriesOf(spec: ChartSpec, results: readonly ExperimentResult[]): Series[] {
  const keys = [...spec.series, ...(spec.y2 ?? [])];
  return results.flatMap((r) => r.series.filter((s) => keys.includes(s.key) && s.points.length > 0));
}

export function experimentChart(spec: ChartSpec, results: readonly ExperimentResult[]): ChartData {
  const series = seriesOf(spec, results);
  const y2 = new Set(spec.y2 ?? []);
  const colorIndex = new Map<string, number>();
  const color = (s: Series): string => {
    const k = `${s.half}:${s.key}`;
    if (!colorIndex.has(k)) colorIndex.set(k, [...colorIndex.keys()].filter((x) => x.startsWith(s.half)).length);
    const palette = COLORS[s.half];
    return palette[colorIndex.get(k)! % palette.length]!;
  };
  const label = (s: Series): string => `${s.label} (${s.half})`;
  const points: Record<string, number> = {};
  for (const s of series) points[s.half] = (points[s.half] ?? 0) + s.points.length;
  const csv = {
    header: ['series', 'half', 'x', 'x_unit', 'y', 'y_unit'],
    rows: series.flatMap((s) => s.points.map((p) => [s.key, s.half, p.x, s.xUnit, p.y, s.yUnit])),
  };
  const yTitle = (keys: readonly string[]): string => [...new Set(series.filter((s) => keys.includes(s.key)).map((s) => s.yUnit))].join(', ');
  const yScale = { type: spec.y === 'log' ? ('logarithmic' as const) : ('linear' as const), title: { display: true, text: yTitle(spec.series) } };

  if (spec.x === 'category') {
    const labels = [...new Set(series.flatMap((s) => s.points.map((p) => String(p.x))))];
    const datasets: ChartDataset<'bar', (number | null)[]>[] = series.map((s) => ({
      label: label(s),
      data: labels.map((l) => s.points.find((p) => String(p.x) === l)?.y ?? null),
      backgroundColor: color(s),
      borderColor: color(s),
      borderWidth: s.half === 'emulated' ? 2 : 0,
    }));
    return { config: { type: 'bar', data: { labels, datasets }, options: { scales: { y: yScale } } }, csv, points };
  }

  const datasets: ChartDataset<'line', { x: number; y: number }[]>[] = series.map((s) => ({
    label: label(s),
    data: s.points.filter((p): p is { x: number; y: number } => typeof p.x === 'number').map((p) => ({ x: p.x, y: p.y })),
    borderColor: color(s),
    backgroundColor: color(s),
    borderDash: s.half === 'emulated' ? [6, 4] : [],
    yAxisID: y2.has(s.key) ? 'y2' : 'y',
  }));
  const xUnit = series[0]?.xUnit ?? '';
  const scales: Record<string, object> = {
    x: { type: spec.x === 'log' ? 'logarithmic' : 'linear', title: { display: true, text: xUnit } },
    y: yScale,
  };
  if (y2.size > 0) scales.y2 = { type: yScale.type, position: 'right', title: { display: true, text: yTitle(spec.y2 ?? []) }, grid: { drawOnChartArea: false } };
  return { config: { type: 'line', data: { datasets }, options: { parsing: false, scales } }, csv, points };
}
