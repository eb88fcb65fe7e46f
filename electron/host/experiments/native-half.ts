// The native half of each experiment: the matching probe's report (electron/host/probes)
// turned into the experiment's declared series. Only what the probe measured is
// charted; what it cannot measure is said in the notes, never filled in.

import type { ExperimentId, Series } from '../../common/experiment-types.js';
import type { ProbeReport, TimingResult, UnavailableResult } from '../../common/probe-types.js';
import { seriesFor, type HalfOutput } from './emulated-half.js';

const timings = (r: ProbeReport): TimingResult[] => r.results.filter((x): x is TimingResult => 'median_ns' in x);
const unavailable = (r: ProbeReport): UnavailableResult[] => r.results.filter((x): x is UnavailableResult => 'unavailable' in x);

function kindNotes(r: ProbeReport): string[] {
  const notes = unavailable(r).map((u) => `${u.op}: ${u.unavailable}`);
  if (r.kind === 'fallback') notes.push('Node fallback probes (no C compiler): every figure includes Node’s own overhead');
  notes.push(`host load average ${r.host.loadAverage.map((l) => l.toFixed(2)).join(', ')} on ${r.host.cores} cores: a busy host inflates every figure`);
  return notes;
}

/** A category chart of each listed op's median, in the order given. */
function calls(id: ExperimentId, ops: string[]): (r: ProbeReport) => HalfOutput {
  return (r) => {
    const found = ops.map((op) => timings(r).find((t) => t.op === op)).filter((t): t is TimingResult => t !== undefined);
    return {
      series: seriesFor(id, 'native', { 'ns-per-call': found.map((t) => ({ x: t.op, y: t.median_ns })) }),
      notes: [...found.map((t) => `${t.op}: median ${t.median_ns.toFixed(1)} ns, p10–p90 ${t.p10_ns.toFixed(1)}–${t.p90_ns.toFixed(1)} ns over ${t.iterations} iterations per repeat`), ...kindNotes(r)],
      measured: found.map((t) => ({ op: t.op, ns: t.median_ns })),
    };
  };
}

export const NATIVE: Record<ExperimentId, (report: ProbeReport, params: Record<string, number>) => HalfOutput> = {
  'read-sweep': (r, p) => {
    const sweep = timings(r).filter((t) => t.buffer_bytes !== undefined && t.buffer_bytes >= (p.minBytes ?? 1) && t.buffer_bytes <= (p.maxBytes ?? Infinity));
    return {
      series: seriesFor('read-sweep', 'native', {
        'ns-per-byte': sweep.map((t) => ({ x: t.buffer_bytes!, y: t.ns_per_byte ?? t.median_ns / t.buffer_bytes! })),
        'syscalls-per-mib': sweep.filter((t) => t.syscalls_per_mib !== undefined).map((t) => ({ x: t.buffer_bytes!, y: t.syscalls_per_mib! })),
        'ns-per-call': sweep.map((t) => ({ x: t.buffer_bytes!, y: t.median_ns })),
      }),
      notes: ['read() of a page-cached 8 MiB file on this machine; the probe sweeps 1 B .. 1 MiB, shown within the chosen range', ...kindNotes(r)],
      measured: sweep.map((t) => ({ op: t.op, ns: t.median_ns })),
    };
  },
  'null-syscall': calls('null-syscall', ['getppid']),
  'vdso-clock': calls('vdso-clock', ['clock_gettime:vdso', 'clock_gettime:syscall', 'gettimeofday']),
  int80: calls('int80', ['getpid:syscall', 'getpid:int80']),
  'context-switch': (r) => {
    const sw = timings(r).filter((t) => t.op.startsWith('pipe-switch:'));
    const at = (pick: (t: TimingResult) => number): Series['points'] => sw.map((t) => ({ x: t.op.slice('pipe-switch:'.length), y: pick(t) }));
    return {
      series: seriesFor('context-switch', 'native', { 'ns-per-switch': at((t) => t.median_ns), 'ns-per-switch-p10': at((t) => t.p10_ns), 'ns-per-switch-p90': at((t) => t.p90_ns) }),
      notes: ['per switch = pipe round trip / 2, pinned to one CPU (same-cpu) and to two CPUs (two-cpus)', 'no per-row breakdown natively: the host kernel does not report where a switch spends its time', ...kindNotes(r)],
      measured: sw.map((t) => ({ op: t.op, ns: t.median_ns })),
    };
  },
  'page-fault': (r) => {
    const pf = timings(r).filter((t) => t.op === 'page-fault:anon-write' && t.pages !== undefined);
    return {
      series: seriesFor('page-fault', 'native', {
        'faults-per-run': pf.filter((t) => t.minor_faults_per_repeat !== undefined).map((t) => ({ x: t.pages!, y: t.minor_faults_per_repeat! })),
        'ns-per-fault': pf.map((t) => ({ x: t.pages!, y: t.median_ns })),
      }),
      notes: ['one point: the probe touches a fixed number of fresh pages per repeat; minor faults from getrusage(2)', 'TLB misses are not measured natively (they need hardware performance counters)', ...kindNotes(r)],
      measured: pf.map((t) => ({ op: t.op, ns: t.median_ns })),
    };
  },
};
