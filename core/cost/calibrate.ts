// Fitting the cost table to a real machine. The emulator counts, for one operation
// (a null syscall, a vDSO clock read, a context switch...), how often each cost event
// happened; a table turns those counts into cycles and its clock into nanoseconds:
//
//   ns = Σ_e count_e · row_e / cyclesPerNs
//
// Calibration keeps each group of related rows in the proportions the table already
// has and fits one multiplier per group plus the clock. With u0 = 1/cyclesPerNs and
// u_g = scale_g/cyclesPerNs the model is linear in u, so a (relative) least-squares
// solve of the normal equations recovers them; a table that produced the
// measurements is recovered exactly when every group is touched by some measurement.
// A group that is a sliver of every measurement it appears in (the 16 bytes a
// clock_gettime syscall copies out) cannot be told apart from noise in the others, so
// it counts as untouched rather than being fitted to that noise.

import { COST_EVENTS, type CostEvent, type CostTable } from './cost-table.js';

type RowName = Exclude<CostEvent, 'instructions'>;

/** Rows fitted together (their ratios kept): one multiplier each. Rows in no group keep their value. */
export const CALIBRATION_GROUPS = {
  modeSwitch: ['modeSwitchEntry', 'modeSwitchExit', 'dispatch', 'kernelCacheMisses'],
  clockRead: ['clockRead'],
  interruptGate: ['interruptGate'],
  contextSwitch: ['contextSwitchRegisters', 'schedule', 'cr3Switch', 'contextSwitchCache'],
  pageFault: ['pageFault'],
  // Per-byte copying scales with memory bandwidth, not with the trap or the scheduler.
  copy: ['copyByte'],
} as const satisfies Record<string, readonly RowName[]>;

export type CalibrationGroup = keyof typeof CALIBRATION_GROUPS;

export interface Measurement {
  op: string;
  /** What the host measured for one operation, in ns. */
  measuredNs: number;
  /** Emulated events per operation (see predictNs). */
  counts: Partial<Record<CostEvent, number>>;
}

export interface CalibrationFit {
  table: CostTable;
  cyclesPerNs: number;
  /** Multiplier applied to each group; 1 for a group no measurement touched. */
  scales: Record<CalibrationGroup, number>;
  /** Groups the measurements said nothing about, or too little (kept at scale 1; see MIN_GROUP_SHARE). */
  unconstrained: CalibrationGroup[];
  /** Groups whose best fit was negative, pinned to 0 (the host is faster than the instructions alone). */
  clamped: CalibrationGroup[];
}

export class CalibrationError extends Error {}

/** A group must make at least this share of some measurement's predicted cycles to be fitted. */
export const MIN_GROUP_SHARE = 0.02;

function rowPrice(table: CostTable, e: CostEvent): number {
  return e === 'instructions' ? table.instruction : table[e];
}

/** The table's prediction for one operation, in ns. */
export function predictNs(table: CostTable, counts: Partial<Record<CostEvent, number>>): number {
  let cycles = 0;
  for (const e of COST_EVENTS) cycles += (counts[e] ?? 0) * rowPrice(table, e);
  return cycles / table.cyclesPerNs;
}

const GROUP_OF = new Map<CostEvent, CalibrationGroup>();
for (const [g, rows] of Object.entries(CALIBRATION_GROUPS) as [CalibrationGroup, readonly RowName[]][]) for (const r of rows) GROUP_OF.set(r, g);

/** Solve A x = b (small, dense) by Gaussian elimination with partial pivoting; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    const scale = Math.max(...m.map((row) => Math.abs(row[c]!)), 1e-300);
    if (Math.abs(m[p]![c]!) < 1e-12 * scale) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/**
 * Fit `base` to the measurements. Every measurement weighs by its relative error, so a
 * 5 µs context switch does not drown a 30 ns vDSO call. Throws CalibrationError when
 * the measurements cannot determine the clock (e.g. none, or all zero).
 */
export function calibrateCosts(base: CostTable, measurements: readonly Measurement[]): CalibrationFit {
  const usable = measurements.filter((m) => Number.isFinite(m.measuredNs) && m.measuredNs > 0);
  if (usable.length === 0) throw new CalibrationError('no usable measurements (each needs a positive time in ns)');
  const groups = Object.keys(CALIBRATION_GROUPS) as CalibrationGroup[];
  // Column 0: cycles at the table's fixed rows; column g: cycles of group g at the table's rows.
  const columns = usable.map((m) => {
    const col: Record<string, number> = { fixed: 0 };
    for (const g of groups) col[g] = 0;
    for (const e of COST_EVENTS) {
      const cycles = (m.counts[e] ?? 0) * rowPrice(base, e);
      const g = e === 'instructions' ? undefined : GROUP_OF.get(e);
      col[g ?? 'fixed']! += cycles;
    }
    return col;
  });
  const share = (c: Record<string, number>, g: string): number => {
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    return total > 0 ? c[g]! / total : 0;
  };
  const unconstrained = groups.filter((g) => columns.every((c) => share(c, g) < MIN_GROUP_SHARE));
  // Their (small) cycles stay in the model at the table's price, with the fixed rows.
  for (const c of columns) {
    for (const g of unconstrained) {
      c.fixed! += c[g]!;
      c[g] = 0;
    }
  }
  let active = groups.filter((g) => !unconstrained.includes(g));
  const clamped: CalibrationGroup[] = [];
  for (;;) {
    const names = ['fixed', ...active];
    const rows = columns.map((c, i) => names.map((n) => c[n]! / usable[i]!.measuredNs));
    const ata = names.map((_, r) => names.map((_, c) => rows.reduce((s, row) => s + row[r]! * row[c]!, 0)));
    const atb = names.map((_, r) => rows.reduce((s, row) => s + row[r]!, 0));
    const u = solve(ata, atb);
    if (!u) throw new CalibrationError(`the measurements cannot separate ${names.join(', ')}: add measurements that exercise them apart`);
    const u0 = u[0]!;
    if (!(u0 > 0)) throw new CalibrationError('the fit gave a non-positive clock: the instruction-only measurements disagree with the others');
    const negative = active.filter((_, i) => u[i + 1]! < 0);
    if (negative.length > 0) {
      clamped.push(...negative);
      active = active.filter((g) => !negative.includes(g));
      for (const c of columns) for (const g of negative) c[g] = 0;
      continue;
    }
    const scales = {} as Record<CalibrationGroup, number>;
    for (const g of groups) scales[g] = unconstrained.includes(g) ? 1 : clamped.includes(g) ? 0 : u[active.indexOf(g) + 1]! / u0;
    const table: CostTable = { ...base, cyclesPerNs: 1 / u0 };
    for (const g of groups) for (const r of CALIBRATION_GROUPS[g]) table[r] = base[r] * scales[g];
    return { table, cyclesPerNs: 1 / u0, scales, unconstrained, clamped };
  }
}
