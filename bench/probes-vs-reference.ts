// Accuracy of the native probes: each timing is compared, in the same run on
// the same machine, with a reference that shares no code with it —
// `perf bench syscall basic` (getppid), `perf bench sched pipe` pinned with
// taskset (pipe round trip), and separately written C loops
// (electron/host/probes/reference/reference-loops.c: fixed counts, no
// calibration, no overhead subtraction, CLOCK_MONOTONIC_RAW) for the rest.
// Probe and reference runs alternate for ROUNDS rounds; medians are compared.
// Prints measured, reference and measured/reference; the goal is 0.85..1.15.
// Three views: wall-clock medians (what the probes report), the fast end (probe
// p10 vs the reference's fastest run) and CPU-time medians, which stay
// comparable when other work competes for the CPUs (ping-pongs have none).
//
//   npx tsc -b tsconfig.build.json && node dist/bench/probes-vs-reference.js [ROUNDS]

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProbeName, TimingResult } from '../electron/common/probe-types.js';
import { ensureProbesBuilt, hostFacts, runProbe } from '../electron/host/probes/index.js';

interface Figure {
  /** ns per operation: the typical run, and the fastest (least disturbed) one. */
  median: number;
  fast: number;
  /** From process CPU time: unmoved by other processes competing for the CPUs. */
  cpu?: number;
}

interface Reference {
  source: string;
  /** null when the reference cannot run here. */
  measure: () => Figure | null;
}

interface Pair {
  probe: ProbeName;
  op: string;
  ref: Reference;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('no package.json above the bench');
    dir = up;
  }
  return dir;
}

function run(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  } catch {
    return null;
  }
}

/** perf bench prints "     0.131553 usecs/op". */
function perfUsecsPerOp(args: string[], pinCpu: number | null): Figure | null {
  const out = pinCpu === null ? run('perf', ['bench', ...args]) : run('taskset', ['-c', String(pinCpu), 'perf', 'bench', ...args]);
  const m = out ? /([\d.]+)\s+usecs\/op/.exec(out) : null;
  return m ? { median: Number(m[1]) * 1000, fast: Number(m[1]) * 1000 } : null;
}

/**
 * perf bench under `perf stat -e task-clock`: the wall figure perf bench
 * prints, plus CPU time per loop (task-clock covers perf's own start-up too:
 * a few ms against the ~100 ms of a million getppid calls).
 */
function perfSyscallWithCpu(loops: number): Figure | null {
  const res = spawnSync('perf', ['stat', '-x', ',', '-e', 'task-clock', 'perf', 'bench', 'syscall', 'basic', '-l', String(loops)], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  const wall = /([\d.]+)\s+usecs\/op/.exec(res.stdout ?? '');
  if (!wall) return null;
  const ns = Number(wall[1]) * 1000;
  // CSV line: "114.46,msec,task-clock,..."
  const task = /^([\d.]+),msec,task-clock/m.exec(res.stderr ?? '');
  return task ? { median: ns, fast: ns, cpu: (Number(task[1]) * 1e6) / loops } : { median: ns, fast: ns };
}

function compileReference(): string {
  const src = join(repoRoot(), 'electron', 'host', 'probes', 'reference', 'reference-loops.c');
  const out = join(mkdtempSync(join(tmpdir(), 'syscall-lab-ref-')), 'reference-loops');
  execFileSync('cc', ['-O2', '-pthread', '-o', out, src], { stdio: 'inherit' });
  return out;
}

function cLoop(binary: string, mode: string, count: number): Reference {
  return {
    source: `C loop ${mode} x${count}`,
    measure: () => {
      const [median, fast, cpu] = (run(binary, [mode, String(count)]) ?? '').trim().split(/\s+/).map(Number);
      if (median === undefined || fast === undefined || !(median > 0) || !(fast > 0)) return null;
      return cpu !== undefined && cpu > 0 ? { median, fast, cpu } : { median, fast };
    },
  };
}

function pairs(ref: string): Pair[] {
  const perfSyscall: Reference = { source: 'perf stat -e task-clock perf bench syscall basic -l 1000000', measure: () => perfSyscallWithCpu(1_000_000) };
  const perfPipe: Reference = { source: 'taskset -c 0 perf bench sched pipe -l 20000', measure: () => perfUsecsPerOp(['sched', 'pipe', '-l', '20000'], 0) };
  const list: Pair[] = [
    { probe: 'null-syscall', op: 'getppid', ref: perfSyscall },
    { probe: 'null-syscall', op: 'getppid', ref: cLoop(ref, 'getppid', 300_000) },
    { probe: 'fast-calls', op: 'getpid', ref: cLoop(ref, 'getpid', 300_000) },
    { probe: 'fast-calls', op: 'getuid', ref: cLoop(ref, 'getuid', 300_000) },
    { probe: 'fast-calls', op: 'read:/dev/zero:1', ref: cLoop(ref, 'read-zero', 200_000) },
    { probe: 'fast-calls', op: 'write:/dev/null:1', ref: cLoop(ref, 'write-null', 200_000) },
    { probe: 'vdso-clock', op: 'clock_gettime:vdso', ref: cLoop(ref, 'clock-vdso', 2_000_000) },
    { probe: 'vdso-clock', op: 'clock_gettime:syscall', ref: cLoop(ref, 'clock-syscall', 200_000) },
    { probe: 'vdso-clock', op: 'gettimeofday', ref: cLoop(ref, 'gettimeofday', 2_000_000) },
    ...[1, 64, 4096, 65536, 1048576].map((size) => ({
      probe: 'read-sweep' as const,
      op: `read:${size}`,
      ref: cLoop(ref, `pread:${size}`, size >= 65536 ? Math.max(500, 2 ** 30 / size / 8) : 100_000),
    })),
    { probe: 'pipe-pingpong', op: 'pipe-roundtrip:same-cpu', ref: perfPipe },
    { probe: 'pipe-pingpong', op: 'pipe-roundtrip:same-cpu', ref: cLoop(ref, 'pipe-same-cpu', 10_000) },
    { probe: 'pipe-pingpong', op: 'pipe-roundtrip:two-cpus', ref: cLoop(ref, 'pipe-two-cpus', 1_000) },
    { probe: 'futex-pingpong', op: 'futex-roundtrip:same-cpu', ref: cLoop(ref, 'futex-same-cpu', 10_000) },
    { probe: 'futex-pingpong', op: 'futex-roundtrip:two-cpus', ref: cLoop(ref, 'futex-two-cpus', 1_000) },
    { probe: 'page-fault', op: 'page-fault:anon-write', ref: cLoop(ref, 'fault-write', 16_384) },
    { probe: 'page-fault', op: 'page-fault:anon-read', ref: cLoop(ref, 'fault-read', 16_384) },
  ];
  if (process.arch === 'x64') {
    list.push({ probe: 'int80', op: 'getpid:syscall', ref: cLoop(ref, 'syscall-insn', 300_000) });
    list.push({ probe: 'int80', op: 'getpid:int80', ref: cLoop(ref, 'int80', 5_000) });
  }
  return list;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

const fmt = (ns: number): string => (ns >= 10_000 ? `${(ns / 1000).toFixed(1)} us` : `${ns.toFixed(1)} ns`);

async function main(): Promise<void> {
  const rounds = Math.max(1, Number(process.argv[2] ?? 3));
  const build = await ensureProbesBuilt();
  if (build.kind !== 'native') throw new Error(`native probes unavailable: ${build.reason ?? ''}`);
  const host = await hostFacts();
  console.log(`host: ${host.cpuModel}, ${host.cores} CPUs, ${host.kernelRelease}, clocksource ${host.clocksource ?? '?'}`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${rounds} alternating rounds`);
  const list = pairs(compileReference());
  const probes = [...new Set(list.map((p) => p.probe))];
  const measured = new Map<string, Figure[]>();
  const referenced = new Map<Pair, Figure[]>();
  const push = <K>(map: Map<K, Figure[]>, key: K, f: Figure): void => void map.set(key, [...(map.get(key) ?? []), f]);
  for (let round = 0; round < rounds; round++) {
    for (const probe of probes) {
      const report = await runProbe(probe, { timeoutMs: 300_000 });
      if (report.error) console.log(`${probe}: ${report.error}`);
      for (const r of report.results) {
        if (!('median_ns' in r)) continue;
        const t: TimingResult = r;
        const f: Figure = { median: t.median_ns, fast: t.p10_ns };
        if (t.cpu_median_ns !== undefined) f.cpu = t.cpu_median_ns;
        push(measured, `${probe} ${t.op}`, f);
      }
      for (const pair of list.filter((p) => p.probe === probe)) {
        const f = pair.ref.measure();
        if (f) push(referenced, pair, f);
      }
    }
  }
  // Typical: median over rounds of each side's median. Fast end: the least
  // disturbed figure seen (probe p10, reference fastest run) — steadier on a busy host.
  const typical = (fs: Figure[]): number => median(fs.map((f) => f.median));
  const fastest = (fs: Figure[]): number => Math.min(...fs.map((f) => f.fast));
  const cpuOf = (fs: Figure[]): number | null => {
    const xs = fs.flatMap((f) => (f.cpu === undefined ? [] : [f.cpu]));
    return xs.length ? median(xs) : null;
  };
  const rows: string[][] = [['probe', 'op', 'measured', 'reference', 'ratio', 'fast-end', 'cpu: measured', 'reference', 'ratio', 'reference source']];
  let within = 0;
  let withinFast = 0;
  let withinCpu = 0;
  let comparedCpu = 0;
  let compared = 0;
  for (const pair of list) {
    const m = measured.get(`${pair.probe} ${pair.op}`);
    const r = referenced.get(pair);
    if (!m || !r) {
      rows.push([pair.probe, pair.op, m ? fmt(typical(m)) : '-', r ? fmt(typical(r)) : '-', 'n/a', 'n/a', '-', '-', 'n/a', pair.ref.source]);
      continue;
    }
    const mc = cpuOf(m);
    const rc = cpuOf(r);
    const cpuRatio = mc !== null && rc !== null ? mc / rc : null;
    if (cpuRatio !== null) {
      comparedCpu++;
      if (Math.abs(cpuRatio - 1) <= 0.15) withinCpu++;
    }
    const ratio = typical(m) / typical(r);
    const fastRatio = fastest(m) / fastest(r);
    compared++;
    if (Math.abs(ratio - 1) <= 0.15) within++;
    if (Math.abs(fastRatio - 1) <= 0.15) withinFast++;
    rows.push([
      pair.probe,
      pair.op,
      fmt(typical(m)),
      fmt(typical(r)),
      ratio.toFixed(2),
      fastRatio.toFixed(2),
      mc === null ? '-' : fmt(mc),
      rc === null ? '-' : fmt(rc),
      cpuRatio === null ? 'n/a' : cpuRatio.toFixed(2),
      pair.ref.source,
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
  console.log(`\nwithin +/-15% of their reference: ${within}/${compared} (wall-clock medians), ${withinFast}/${compared} (fast end), ${withinCpu}/${comparedCpu} (CPU-time medians)`);
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

await main();
