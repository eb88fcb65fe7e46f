// One chart builder for every experiment: both halves on the same axes, categories
// aligned across halves, series on a second axis where the spec says, and a CSV with
// one row per point.

import { describe, expect, it } from 'vitest';
import type { ChartSpec, ExperimentResult } from '../../../electron/common/experiment-types.js';
import { experimentChart } from '../../../renderer/src/lib/experiments-chart.js';

const result = (half: 'emulated' | 'native', series: ExperimentResult['series']): ExperimentResult => ({ id: 'vdso-clock', half, params: {}, series, notes: [], source: half, measured: [] });
const perCall = { key: 'ns-per-call', label: 'time per call', xUnit: 'operation', yUnit: 'ns' };

describe('experimentChart', () => {
  it('category charts: one label per operation, each half a dataset aligned to them (null where absent)', () => {
    const spec: ChartSpec = { title: 't', series: ['ns-per-call'], x: 'category', y: 'log', fileName: 'f' };
    const data = experimentChart(spec, [
      result('emulated', [{ ...perCall, half: 'emulated', points: [{ x: 'clock_gettime:vdso', y: 14 }, { x: 'clock_gettime:syscall', y: 147 }] }]),
      result('native', [{ ...perCall, half: 'native', points: [{ x: 'clock_gettime:syscall', y: 800 }, { x: 'gettimeofday', y: 90 }] }]),
    ]);
    expect(data.config.type).toBe('bar');
    expect(data.config.data.labels).toEqual(['clock_gettime:vdso', 'clock_gettime:syscall', 'gettimeofday']);
    expect(data.config.data.datasets.map((d) => d.data)).toEqual([
      [14, 147, null],
      [null, 800, 90],
    ]);
    expect(data.config.data.datasets.map((d) => d.label)).toEqual(['time per call (emulated)', 'time per call (native)']);
    expect(data.points).toEqual({ emulated: 2, native: 2 });
    expect(data.csv.header).toEqual(['series', 'half', 'x', 'x_unit', 'y', 'y_unit']);
    expect(data.csv.rows).toContainEqual(['ns-per-call', 'native', 'gettimeofday', 'operation', 90, 'ns']);
  });

  it('log-log charts: numeric points, the y2 series on the right axis, emulated dashed', () => {
    const spec: ChartSpec = { title: 't', series: ['ns-per-byte'], y2: ['syscalls-per-mib'], x: 'log', y: 'log', fileName: 'f' };
    const s = (key: string, half: 'emulated' | 'native', ys: number[]) => ({ key, label: key, xUnit: 'B', yUnit: key === 'ns-per-byte' ? 'ns/B' : 'calls/MiB', half, points: ys.map((y, i) => ({ x: 2 ** i, y })) });
    const data = experimentChart(spec, [result('emulated', [s('ns-per-byte', 'emulated', [90, 45]), s('syscalls-per-mib', 'emulated', [1048576, 524288])]), result('native', [s('ns-per-byte', 'native', [800, 400, 200]), s('unrelated', 'native', [1])])]);
    expect(data.config.type).toBe('line');
    const sets = data.config.data.datasets as { label: string; yAxisID: string; borderDash: number[]; data: unknown[] }[];
    expect(sets.map((d) => [d.label, d.yAxisID, d.borderDash.length > 0, d.data.length])).toEqual([
      ['ns-per-byte (emulated)', 'y', true, 2],
      ['syscalls-per-mib (emulated)', 'y2', true, 2],
      ['ns-per-byte (native)', 'y', false, 3],
    ]);
    const scales = data.config.options?.scales as Record<string, { type: string; title: { text: string } }>;
    expect(scales.x?.type).toBe('logarithmic');
    expect(scales.y?.title.text).toBe('ns/B');
    expect(scales.y2?.title.text).toBe('calls/MiB');
    expect(data.csv.rows).toHaveLength(7);
  });

  it('no results, no data: nothing is invented', () => {
    const data = experimentChart({ title: 't', series: ['ns-per-call'], x: 'category', y: 'linear', fileName: 'f' }, []);
    expect(data.csv.rows).toEqual([]);
    expect(data.config.data.datasets).toEqual([]);
  });
});
