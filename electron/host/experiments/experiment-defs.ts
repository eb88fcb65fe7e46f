// Every experiment, declared once: parameters with defaults and ranges, the series
// its result carries (with units), the charts that show them, and the native probe
// behind its native half. emulated-half.ts and native-half.ts implement each id;
// their tables are typed by ExperimentId, so neither half can be missing.

import type { ExperimentDef, ExperimentId, ExperimentParam } from '../../common/experiment-types.js';

const iterations = (def: number): ExperimentParam => ({ name: 'iterations', label: 'Emulated operations per run', unit: 'ops', default: def, min: 10, max: 5000, integer: true });

const perCall = { key: 'ns-per-call', label: 'time per call', xUnit: 'operation', yUnit: 'ns' };

export const EXPERIMENTS: readonly ExperimentDef[] = [
  {
    id: 'read-sweep',
    title: 'Buffering: read() cost per byte against buffer size',
    summary: 'read() with buffers from 1 byte up: small buffers pay a kernel entry per few bytes, large ones amortise it.',
    params: [
      { name: 'minBytes', label: 'Smallest buffer', unit: 'B', default: 1, min: 1, max: 1 << 20, integer: true },
      { name: 'maxBytes', label: 'Largest buffer (emulated half caps at 512 KiB)', unit: 'B', default: 1 << 16, min: 1, max: 1 << 20, integer: true },
    ],
    series: [
      { key: 'ns-per-byte', label: 'ns per byte', xUnit: 'B (buffer size)', yUnit: 'ns/B' },
      { key: 'syscalls-per-mib', label: 'read() calls per MiB', xUnit: 'B (buffer size)', yUnit: 'calls/MiB' },
      { key: 'ns-per-call', label: 'time per read() call', xUnit: 'B (buffer size)', yUnit: 'ns' },
    ],
    charts: [
      { title: 'Buffering: ns per byte and syscalls per MiB against buffer size', series: ['ns-per-byte'], y2: ['syscalls-per-mib'], x: 'log', y: 'log', fileName: 'read-sweep' },
      { title: 'Buffering: one read() call against buffer size (the crossing, then the copy)', series: ['ns-per-call'], x: 'log', y: 'log', fileName: 'read-sweep-per-call' },
    ],
    probe: 'read-sweep',
  },
  {
    id: 'null-syscall',
    title: 'The null system call: getppid round trip',
    summary: 'syscall(SYS_getppid): entry, dispatch and exit with (almost) no work in between.',
    params: [iterations(500)],
    series: [perCall],
    charts: [{ title: 'Null syscall (getppid): emulated beside native', series: ['ns-per-call'], x: 'category', y: 'linear', fileName: 'null-syscall' }],
    probe: 'null-syscall',
  },
  {
    id: 'vdso-clock',
    title: 'clock_gettime: the vDSO against the system call',
    summary: 'The vDSO answers in user mode from the vvar page; the syscall pays two mode switches and the dispatch.',
    params: [iterations(500)],
    series: [perCall],
    charts: [{ title: 'clock_gettime: vDSO vs syscall, emulated beside native', series: ['ns-per-call'], x: 'category', y: 'log', fileName: 'vdso-clock' }],
    probe: 'vdso-clock',
  },
  {
    id: 'int80',
    title: 'int 0x80 against syscall',
    summary: 'getpid through the legacy interrupt gate (IDT lookup, descriptor checks) and through the syscall instruction.',
    params: [iterations(500)],
    series: [perCall],
    charts: [{ title: 'getpid: int 0x80 vs syscall, emulated beside native', series: ['ns-per-call'], x: 'category', y: 'linear', fileName: 'int80' }],
    probe: 'int80',
  },
  {
    id: 'context-switch',
    title: 'Context switch: pipe ping-pong',
    summary: 'Two processes bounce a byte over two pipes; each round trip is two switches (lmbench lat_ctx style).',
    params: [{ name: 'iterations', label: 'Emulated round trips per run', unit: 'round trips', default: 100, min: 10, max: 2000, integer: true }],
    series: [
      { key: 'ns-per-switch', label: 'per switch, median', xUnit: 'placement', yUnit: 'ns' },
      { key: 'ns-per-switch-p10', label: 'per switch, p10', xUnit: 'placement', yUnit: 'ns' },
      { key: 'ns-per-switch-p90', label: 'per switch, p90', xUnit: 'placement', yUnit: 'ns' },
      { key: 'switch-breakdown', label: 'per switch, by cost-table row', xUnit: 'cost row', yUnit: 'ns' },
    ],
    charts: [
      { title: 'Context switch: native distribution (same CPU vs two CPUs) and emulated', series: ['ns-per-switch-p10', 'ns-per-switch', 'ns-per-switch-p90'], x: 'category', y: 'log', fileName: 'context-switch' },
      { title: 'Context switch: emulated breakdown by cost-table row', series: ['switch-breakdown'], x: 'category', y: 'linear', fileName: 'context-switch-breakdown' },
    ],
    probe: 'pipe-pingpong',
  },
  {
    id: 'page-fault',
    title: 'Page faults: first touch of fresh anonymous memory',
    summary: 'mmap only reserves; the first write to each page faults and the kernel maps a zeroed frame.',
    params: [{ name: 'maxPages', label: 'Most pages touched (emulated)', unit: 'pages', default: 256, min: 1, max: 1024, integer: true }],
    series: [
      { key: 'faults-per-run', label: 'page faults per run', xUnit: 'pages touched', yUnit: 'faults' },
      { key: 'tlb-misses-per-run', label: 'TLB misses per run', xUnit: 'pages touched', yUnit: 'misses' },
      { key: 'ns-per-fault', label: 'ns per fault', xUnit: 'pages touched', yUnit: 'ns' },
    ],
    charts: [
      { title: 'Page faults and TLB misses per run', series: ['faults-per-run', 'tlb-misses-per-run'], x: 'log', y: 'log', fileName: 'page-faults' },
      { title: 'Cost per page fault', series: ['ns-per-fault'], x: 'log', y: 'linear', fileName: 'page-fault-cost' },
    ],
    probe: 'page-fault',
  },
];

export function experimentDef(id: string): ExperimentDef | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

export function isExperimentId(id: string): id is ExperimentId {
  return experimentDef(id) !== undefined;
}

/**
 * The caller's parameters checked against the declared ranges, defaults filled in.
 * Throws with the parameter's name and range on anything else.
 */
export function resolveParams(def: ExperimentDef, given: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(given)) if (!def.params.some((p) => p.name === name)) throw new Error(`${def.id} has no parameter '${name}' (it takes ${def.params.map((p) => p.name).join(', ') || 'none'})`);
  for (const p of def.params) {
    const v = given[p.name] ?? p.default;
    if (!Number.isFinite(v) || v < p.min || v > p.max || (p.integer && !Number.isInteger(v))) {
      throw new Error(`${def.id}: ${p.name} must be ${p.integer ? 'an integer ' : ''}between ${p.min} and ${p.max} ${p.unit}, got ${v}`);
    }
    out[p.name] = v;
  }
  return out;
}
