// The emulated half of each experiment: generated guest programs measured in the
// emulator (op-meter.ts), turned into the experiment's declared series. Every figure
// is counted events × the cost table's rows ÷ its cyclesPerNs; nothing is assumed.

import type { ExperimentId, OperationCounts, Series, SeriesSpec } from '../../common/experiment-types.js';
import { experimentDef } from './experiment-defs.js';
import { clockCall, firstTouch, getpidVia, nullSyscall, pipePingPong, readLoop, type ClockOp } from './guest-programs.js';
import type { OpFigures, OpMeter } from './op-meter.js';

export interface HalfOutput {
  series: Series[];
  notes: string[];
  measured: { op: string; ns: number }[];
  operations?: OperationCounts[];
}

/** Most bytes one emulated read may ask for: n and 2n reads must fit the guest's 1 MiB file. */
export const EMULATED_MAX_READ = 1 << 19;

interface EmulatedImpl {
  /** How many programs the run will measure (for progress). */
  steps(params: Record<string, number>): number;
  run(params: Record<string, number>, meter: OpMeter): Promise<HalfOutput>;
}

/** The declared series of `id`, each with these points (missing keys: empty). */
export function seriesFor(id: ExperimentId, half: Series['half'], points: Record<string, Series['points']>): Series[] {
  const def = experimentDef(id);
  if (!def) throw new Error(`no experiment '${id}'`);
  return def.series.map((s: SeriesSpec) => ({ ...s, half, points: points[s.key] ?? [] }));
}

function halve(f: OpFigures): OpFigures {
  const half = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v / 2]));
  return { counts: half(f.counts), cycles: half(f.cycles), totalCycles: f.totalCycles / 2, tlbMisses: f.tlbMisses / 2, contextSwitches: f.contextSwitches / 2, ns: f.ns / 2 };
}

/** Buffer sizes of the emulated sweep: powers of two in [min, max], capped at EMULATED_MAX_READ. */
export function emulatedReadSizes(params: Record<string, number>): number[] {
  const sizes: number[] = [];
  for (let s = 1; s <= Math.min(params.maxBytes ?? 0, EMULATED_MAX_READ); s *= 2) if (s >= (params.minBytes ?? 1)) sizes.push(s);
  return sizes;
}

/** Pages touched at each point of the emulated page-fault run: 1, 4, 16, ... and maxPages. */
export function touchCounts(maxPages: number): number[] {
  const out: number[] = [];
  for (let t = 1; t < maxPages; t *= 4) out.push(t);
  out.push(maxPages);
  return out;
}

/** Operations measured as `op` names (the native probe's), each with its own program. */
function callTable(id: ExperimentId, ops: [string, (n: number) => string][]): EmulatedImpl {
  return {
    steps: () => ops.length * 2,
    async run(params, meter) {
      const n = params.iterations ?? 100;
      const points: Series['points'] = [];
      const measured: HalfOutput['measured'] = [];
      const operations: OperationCounts[] = [];
      for (const [op, program] of ops) {
        const f = await meter.perOp(op.replace(/[^a-z0-9]+/gi, '-'), program, n);
        points.push({ x: op, y: f.ns });
        measured.push({ op, ns: f.ns });
        operations.push({ op, counts: f.counts });
      }
      return { series: seriesFor(id, 'emulated', { 'ns-per-call': points }), notes: [`each figure: ${n} and ${2 * n} operations in the emulator, the difference divided by ${n}`], measured, operations };
    },
  };
}

const clockOp = (op: ClockOp): [string, (n: number) => string] => [op, (n) => clockCall(op, n)];

export const EMULATED: Record<ExperimentId, EmulatedImpl> = {
  'read-sweep': {
    steps: (p) => emulatedReadSizes(p).length * 2,
    async run(params, meter) {
      const sizes = emulatedReadSizes(params);
      if (sizes.length === 0) throw new Error(`no power-of-two buffer size between ${params.minBytes} and ${Math.min(params.maxBytes ?? 0, EMULATED_MAX_READ)} bytes`);
      const perByte: Series['points'] = [];
      const perMib: Series['points'] = [];
      const measured: HalfOutput['measured'] = [];
      const operations: OperationCounts[] = [];
      const perCall: Series['points'] = [];
      for (const size of sizes) {
        const n = Math.max(1, Math.min(64, Math.floor((1 << 20) / (2 * size))));
        const f = await meter.perOp(`read-${size}`, (k) => readLoop(size, k), n);
        perByte.push({ x: size, y: f.ns / size });
        // Counted, not derived: kernel dispatches per read, scaled to a MiB.
        perMib.push({ x: size, y: ((f.counts.dispatch ?? 0) * (1 << 20)) / size });
        measured.push({ op: `read:${size}`, ns: f.ns });
        operations.push({ op: `read:${size}`, counts: f.counts });
        perCall.push({ x: size, y: f.ns });
      }
      const notes = [`emulated buffer sizes ${sizes[0]} B .. ${sizes[sizes.length - 1]} B (reduced: the guest reads its 1 MiB file /data/1mib.bin; each size is timed over n and 2n reads)`];
      if (params.maxBytes! > EMULATED_MAX_READ) notes.push(`sizes above ${EMULATED_MAX_READ} B are native only`);
      if (meter.table.copyByte === 0) notes.push('the copyByte row is 0: an emulated read() costs the same at every size and ns per byte falls as 1/size');
      else notes.push(`per call: the fixed crossing plus ${meter.table.copyByte} cycles for each byte copied to the buffer (copyByte)`);
      return { series: seriesFor('read-sweep', 'emulated', { 'ns-per-byte': perByte, 'syscalls-per-mib': perMib, 'ns-per-call': perCall }), notes, measured, operations };
    },
  },
  'null-syscall': callTable('null-syscall', [['getppid', nullSyscall]]),
  'vdso-clock': callTable('vdso-clock', [clockOp('clock_gettime:vdso'), clockOp('clock_gettime:syscall'), clockOp('gettimeofday')]),
  int80: callTable('int80', [
    ['getpid:syscall', (n) => getpidVia('syscall', n)],
    ['getpid:int80', (n) => getpidVia('int80', n)],
  ]),
  'context-switch': {
    steps: () => 2,
    async run(params, meter) {
      const n = params.iterations ?? 100;
      const f = halve(await meter.perOp('pipe-pingpong', pipePingPong, n));
      const breakdown = Object.entries(f.cycles)
        .filter(([, c]) => c > 0)
        .map(([row, c]) => ({ x: row, y: c / meter.table.cyclesPerNs }));
      return {
        series: seriesFor('context-switch', 'emulated', { 'ns-per-switch': [{ x: 'same-cpu', y: f.ns }], 'switch-breakdown': breakdown }),
        notes: [
          `per switch = (round trip) / 2 over ${n} and ${2 * n} round trips; includes one pipe write + read per switch, like the native probe`,
          `the emulator has one CPU: its only placement is same-cpu, and it is deterministic (no p10/p90 spread); ${f.contextSwitches.toFixed(2)} switches and ${f.tlbMisses.toFixed(1)} TLB misses per switch`,
        ],
        measured: [{ op: 'pipe-switch:same-cpu', ns: f.ns }],
        operations: [{ op: 'pipe-switch:same-cpu', counts: f.counts }],
      };
    },
  },
  'page-fault': {
    steps: (p) => touchCounts(p.maxPages ?? 1).length + 1,
    async run(params, meter) {
      const maxPages = params.maxPages ?? 256;
      const base = await meter.run('touch-0', firstTouch(maxPages, 0));
      const faults: Series['points'] = [];
      const tlb: Series['points'] = [];
      const cost: Series['points'] = [];
      let perFault: OpFigures | null = null;
      for (const t of touchCounts(maxPages)) {
        const reply = await meter.run(`touch-${t}`, firstTouch(maxPages, t));
        const run = meter.difference(base, reply, 1, t);
        const nFaults = run.counts.pageFault ?? 0;
        faults.push({ x: t, y: nFaults });
        tlb.push({ x: t, y: run.tlbMisses });
        if (nFaults > 0) cost.push({ x: t, y: run.ns / nFaults });
        perFault = meter.difference(base, reply, t);
      }
      const notes = [`each point: one run touching that many of ${maxPages} freshly mapped pages, less a run touching none`];
      if (!perFault) return { series: seriesFor('page-fault', 'emulated', {}), notes, measured: [] };
      return {
        series: seriesFor('page-fault', 'emulated', { 'faults-per-run': faults, 'tlb-misses-per-run': tlb, 'ns-per-fault': cost }),
        notes,
        measured: [{ op: 'page-fault:anon-write', ns: perFault.ns }],
        operations: [{ op: 'page-fault:anon-write', counts: perFault.counts }],
      };
    },
  },
};
