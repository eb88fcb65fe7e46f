// The readable (non --json) form of a ProbeReport: a host line, then one
// table per kind of entry.

import type {
  AslrResult,
  AuxvResult,
  EintrResult,
  MapRegion,
  ProbeReport,
  ProbeResult,
  TimingResult,
  UnavailableResult,
  VdsoResult,
} from '../../common/probe-types.js';

export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return '-';
  const a = Math.abs(ns);
  if (a < 1_000) return `${ns.toFixed(1)} ns`;
  if (a < 1_000_000) return `${(ns / 1_000).toFixed(2)} us`;
  return `${(ns / 1_000_000).toFixed(2)} ms`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const isTiming = (r: ProbeResult): r is TimingResult => 'median_ns' in r;
const isUnavailable = (r: ProbeResult): r is UnavailableResult => 'unavailable' in r;
const isEintr = (r: ProbeResult): r is EintrResult => 'outcome' in r && 'sa_restart' in r;

function timingExtra(r: TimingResult): string {
  const parts: string[] = [];
  if (r.ns_per_byte !== undefined) parts.push(`${r.ns_per_byte.toFixed(3)} ns/B`);
  if (r.syscalls_per_mib !== undefined) parts.push(`${r.syscalls_per_mib} calls/MiB`);
  if (r.mib_per_s !== undefined) parts.push(`${r.mib_per_s.toFixed(0)} MiB/s`);
  if (r.faults_per_page !== undefined) parts.push(`${r.faults_per_page.toFixed(2)} faults/page`);
  if (r.note) parts.push(r.note);
  return parts.join(', ');
}

export function formatReport(report: ProbeReport): string {
  const h = report.host;
  const out: string[] = [
    `probe ${report.probe} (${report.kind})`,
    `host: ${h.cpuModel}, ${h.cores} CPUs, ${h.platform} ${h.kernelRelease}, clocksource ${h.clocksource ?? '?'}, load ${h.loadAverage.join(' ')}`,
  ];
  if (report.method)
    out.push(`method: median of ${report.method.repeats} repeats of >= ${report.method.min_repeat_ms} ms, p10/p90 spread, empty loop subtracted; cpu median from process CPU time`);
  if (report.error) out.push(`error: ${report.error}`);
  const rs = report.results;
  const timing = rs.filter(isTiming);
  if (timing.length)
    out.push('', table(['op', 'median', 'p10', 'p90', 'cpu median', 'iterations', ''], timing.map((r) => [r.op, formatNs(r.median_ns), formatNs(r.p10_ns), formatNs(r.p90_ns), r.cpu_median_ns === undefined ? '-' : formatNs(r.cpu_median_ns), String(r.iterations), timingExtra(r)])));
  const eintr = rs.filter(isEintr);
  if (eintr.length)
    out.push('', table(['call', 'SA_RESTART', 'outcome', 'signal(7) says', ''], eintr.map((r) => [r.call, r.sa_restart ? 'yes' : 'no', r.outcome, r.documented, r.outcome === r.documented ? 'as documented' : 'DIFFERS'])));
  const aslr = rs.filter((r): r is AslrResult => r.op === 'aslr');
  if (aslr.length)
    out.push('', table(['region', 'moved', 'distinct/seen', 'min', 'max', 'spread', 'bits (spread/sample)'], aslr.map((r) => [r.region, r.moved ? 'yes' : 'no', `${r.distinct}/${r.seen}`, r.min, r.max, r.spread, `${r.spread_bits}/${r.sample_bits}`])));
  const regions = rs.filter((r): r is MapRegion => r.op === 'region');
  if (regions.length) out.push('', table(['start', 'end', 'perms', 'offset', 'path'], regions.map((r) => [r.start, r.end, r.perms, r.offset, r.path])));
  const auxv = rs.filter((r): r is AuxvResult => r.op === 'auxv');
  if (auxv.length) out.push('', table(['auxv', 'value', ''], auxv.map((r) => [r.name, r.value, r.string ?? ''])));
  for (const v of rs.filter((r): r is VdsoResult => r.op === 'vdso'))
    out.push('', `vDSO at ${v.address} (${v.source}); [vdso] region starts at ${v.region_start ?? 'not found'}`);
  const unavailable = rs.filter(isUnavailable);
  if (unavailable.length) out.push('', ...unavailable.map((r) => `${r.op}: ${r.unavailable}`));
  return `${out.join('\n')}\n`;
}
