// The calibration fit on synthetic measurements: made from a known table, it must
// give that table back; and it says what it could not determine.

import { describe, expect, it } from 'vitest';
import { calibrateCosts, CalibrationError, MIN_GROUP_SHARE, predictNs, type Measurement } from '../../../core/cost/calibrate.js';
import { DEFAULT_COSTS, type CostTable } from '../../../core/cost/cost-table.js';

// Event counts per operation, shaped like the emulator's (instructions + boundary events).
const OPS: { op: string; counts: Measurement['counts'] }[] = [
  { op: 'getppid', counts: { instructions: 54, modeSwitchEntry: 1, modeSwitchExit: 1, dispatch: 1, kernelCacheMisses: 1 } },
  { op: 'clock_gettime:vdso', counts: { instructions: 42 } },
  { op: 'clock_gettime:syscall', counts: { instructions: 56, modeSwitchEntry: 1, modeSwitchExit: 1, dispatch: 1, kernelCacheMisses: 1, clockRead: 1 } },
  { op: 'getpid:int80', counts: { instructions: 42, modeSwitchExit: 1, interruptGate: 1, dispatch: 1, kernelCacheMisses: 1 } },
  { op: 'pipe-switch:same-cpu', counts: { instructions: 113, modeSwitchEntry: 3, modeSwitchExit: 2, dispatch: 3, kernelCacheMisses: 3, cr3Switch: 1, contextSwitchRegisters: 1, schedule: 1, contextSwitchCache: 1 } },
  { op: 'page-fault:anon-write', counts: { instructions: 2, pageFault: 1 } },
  { op: 'read:65536', counts: { instructions: 60, modeSwitchEntry: 1, modeSwitchExit: 1, dispatch: 1, kernelCacheMisses: 1, copyByte: 65536 } },
];

function tableWith(cyclesPerNs: number, scales: Record<string, number>): CostTable {
  const t: CostTable = { ...DEFAULT_COSTS, cyclesPerNs };
  const s = (k: string) => scales[k] ?? 1;
  for (const r of ['modeSwitchEntry', 'modeSwitchExit', 'dispatch', 'kernelCacheMisses'] as const) t[r] = DEFAULT_COSTS[r] * s('modeSwitch');
  t.clockRead = DEFAULT_COSTS.clockRead * s('clockRead');
  t.interruptGate = DEFAULT_COSTS.interruptGate * s('interruptGate');
  for (const r of ['contextSwitchRegisters', 'schedule', 'cr3Switch', 'contextSwitchCache'] as const) t[r] = DEFAULT_COSTS[r] * s('contextSwitch');
  t.pageFault = DEFAULT_COSTS.pageFault * s('pageFault');
  t.copyByte = DEFAULT_COSTS.copyByte * s('copy');
  return t;
}

const measure = (truth: CostTable, ops = OPS): Measurement[] => ops.map((o) => ({ ...o, measuredNs: predictNs(truth, o.counts) }));

describe('calibrateCosts', () => {
  it('predictNs is Σ count × row ÷ cyclesPerNs', () => {
    expect(predictNs(DEFAULT_COSTS, { instructions: 30, modeSwitchEntry: 1 })).toBeCloseTo((30 + 70) / 3, 10);
    expect(predictNs({ ...DEFAULT_COSTS, cyclesPerNs: 2 }, { pageFault: 2 })).toBe(900);
  });

  it('recovers a known table from the measurements it produced', () => {
    const truth = tableWith(2.4, { modeSwitch: 1.8, clockRead: 0.5, interruptGate: 2.2, contextSwitch: 0.7, pageFault: 1.3, copy: 0.6 });
    const fit = calibrateCosts(DEFAULT_COSTS, measure(truth));
    expect(fit.cyclesPerNs).toBeCloseTo(2.4, 9);
    expect(fit.scales.modeSwitch).toBeCloseTo(1.8, 9);
    expect(fit.scales.clockRead).toBeCloseTo(0.5, 9);
    expect(fit.scales.interruptGate).toBeCloseTo(2.2, 9);
    expect(fit.scales.contextSwitch).toBeCloseTo(0.7, 9);
    expect(fit.scales.pageFault).toBeCloseTo(1.3, 9);
    expect(fit.scales.copy).toBeCloseTo(0.6, 9);
    for (const k of Object.keys(truth) as (keyof CostTable)[]) {
      if (typeof truth[k] === 'number') expect(fit.table[k] as number).toBeCloseTo(truth[k] as number, 6);
    }
    expect(fit.unconstrained).toEqual([]);
  });

  it('with noisy, over-determined measurements it lands near the truth', () => {
    const truth = tableWith(3.6, { modeSwitch: 2, contextSwitch: 1.5 });
    const noisy = measure(truth).flatMap((m, i) => [
      { ...m, measuredNs: m.measuredNs * (1 + 0.03 * ((i % 3) - 1)) },
      { ...m, measuredNs: m.measuredNs * (1 - 0.03 * ((i % 3) - 1)) },
    ]);
    const fit = calibrateCosts(DEFAULT_COSTS, noisy);
    expect(fit.cyclesPerNs).toBeGreaterThan(3.6 * 0.95);
    expect(fit.cyclesPerNs).toBeLessThan(3.6 * 1.05);
    expect(fit.scales.modeSwitch).toBeGreaterThan(1.8);
    expect(fit.scales.modeSwitch).toBeLessThan(2.2);
  });

  it('keeps groups no measurement touches, and pins a negative group to 0', () => {
    const truth = tableWith(3, {});
    const onlyCalls = measure(truth, OPS.slice(0, 2));
    const fit = calibrateCosts(DEFAULT_COSTS, onlyCalls);
    expect(fit.unconstrained).toEqual(['clockRead', 'interruptGate', 'contextSwitch', 'pageFault', 'copy']);
    expect(fit.table.pageFault).toBe(DEFAULT_COSTS.pageFault);
    // A "host" whose null syscall is faster than its instructions alone: mode switches cannot be negative.
    const impossible = [
      { op: 'vdso', counts: { instructions: 42 }, measuredNs: 14 },
      { op: 'getppid', counts: { instructions: 54, modeSwitchEntry: 1, modeSwitchExit: 1 }, measuredNs: 10 },
    ];
    const pinned = calibrateCosts(DEFAULT_COSTS, impossible);
    expect(pinned.clamped).toEqual(['modeSwitch']);
    expect(pinned.table.modeSwitchEntry).toBe(0);
  });

  it('leaves a group that is a sliver of every measurement at its default instead of fitting noise to it', () => {
    // clock_gettime's 16 copied bytes are ~1% of its cycles; with no large read the copy row is not fitted.
    const truth = tableWith(3, { modeSwitch: 1.5 });
    const ops = OPS.filter((o) => o.op !== 'read:65536').map((o) => (o.op === 'clock_gettime:syscall' ? { ...o, counts: { ...o.counts, copyByte: 16 } } : o));
    const share = (16 * DEFAULT_COSTS.copyByte) / (predictNs(DEFAULT_COSTS, ops[2]!.counts) * DEFAULT_COSTS.cyclesPerNs);
    expect(share).toBeLessThan(MIN_GROUP_SHARE);
    const noisy = measure(truth, ops).map((m, i) => ({ ...m, measuredNs: m.measuredNs * (i === 2 ? 1.01 : 1) }));
    const fit = calibrateCosts(DEFAULT_COSTS, noisy);
    expect(fit.unconstrained).toContain('copy');
    expect(fit.scales.copy).toBe(1);
    expect(fit.table.copyByte).toBe(DEFAULT_COSTS.copyByte);
    // The same copy, made the bulk of an operation, is fitted.
    const big = calibrateCosts(DEFAULT_COSTS, measure(tableWith(3, { copy: 2 })));
    expect(big.unconstrained).not.toContain('copy');
    expect(big.table.copyByte).toBeCloseTo(2 * DEFAULT_COSTS.copyByte, 9);
  });

  it('refuses measurements that cannot fix the clock', () => {
    expect(() => calibrateCosts(DEFAULT_COSTS, [])).toThrow(CalibrationError);
    expect(() => calibrateCosts(DEFAULT_COSTS, [{ op: 'x', counts: { instructions: 10 }, measuredNs: 0 }])).toThrow(/no usable measurements/);
  });
});
