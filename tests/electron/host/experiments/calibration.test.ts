// buildCalibration on synthetic halves: "native" figures made from a known table, so
// the fit must give it back. Of the read sweep only the largest buffer is fitted (it
// pins copyByte); the smaller ones are held out, and predicted exactly by the fit.

import { describe, expect, it } from 'vitest';
import { predictNs } from '../../../../core/cost/calibrate.js';
import { DEFAULT_COSTS, type CostEvent, type CostTable } from '../../../../core/cost/cost-table.js';
import type { ExperimentId, ExperimentResult } from '../../../../electron/common/experiment-types.js';
import { buildCalibration } from '../../../../electron/host/experiments/calibration.js';

type Counts = Partial<Record<CostEvent, number>>;

const CALL: Counts = { instructions: 50, modeSwitchEntry: 1, modeSwitchExit: 1, dispatch: 1, kernelCacheMisses: 1 };
const OPS: Partial<Record<ExperimentId, Record<string, Counts>>> = {
  'null-syscall': { getppid: CALL },
  'vdso-clock': { 'clock_gettime:vdso': { instructions: 40 }, 'clock_gettime:syscall': { ...CALL, clockRead: 1, copyByte: 16 } },
  'page-fault': { 'page-fault:anon-write': { instructions: 2, pageFault: 1 } },
  'read-sweep': Object.fromEntries([1, 64, 4096, 65536].map((n) => [`read:${n}`, { ...CALL, instructions: 60, copyByte: n }])),
};

function pairs(truth: CostTable): { emulated: ExperimentResult; native: ExperimentResult }[] {
  return Object.entries(OPS).map(([id, ops]) => {
    const base = { id: id as ExperimentId, params: {}, series: [], notes: [] };
    const entries = Object.entries(ops!);
    return {
      emulated: { ...base, half: 'emulated', source: 'default', measured: [], operations: entries.map(([op, counts]) => ({ op, counts })) },
      native: { ...base, half: 'native', source: 'native', measured: entries.map(([op, counts]) => ({ op, ns: predictNs(truth, counts) })) },
    };
  });
}

describe('buildCalibration', () => {
  it('fits the largest read (the copy row) and holds the other read sizes out, predicting them from the fit', () => {
    const truth: CostTable = { ...DEFAULT_COSTS, cyclesPerNs: 2.5, copyByte: DEFAULT_COSTS.copyByte * 1.5 };
    const report = buildCalibration(DEFAULT_COSTS, pairs(truth), 'test');
    const fitted = report.rows.filter((r) => r.fitted).map((r) => r.op);
    expect(fitted).toEqual(['getppid', 'clock_gettime:vdso', 'clock_gettime:syscall', 'page-fault:anon-write', 'read:65536']);
    expect(report.fit.scales.copy).toBeCloseTo(1.5, 9);
    expect(report.table.copyByte).toBeCloseTo(truth.copyByte, 9);
    expect(report.fit.cyclesPerNs).toBeCloseTo(2.5, 9);
    for (const r of report.rows.filter((x) => x.experiment === 'read-sweep')) expect(r.calibratedNs).toBeCloseTo(r.measuredNs, 6);
    expect(report.notes).toContain('read sweep: read:65536 is fitted (the copy row); the other buffer sizes are held out as a check');
  });

  it('without a read sweep the copy row is a sliver of every measurement and stays at the default', () => {
    const truth: CostTable = { ...DEFAULT_COSTS, cyclesPerNs: 2.5 };
    const noReads = pairs(truth).filter((p) => p.emulated.id !== 'read-sweep');
    const report = buildCalibration(DEFAULT_COSTS, noReads, 'test');
    expect(report.fit.scales.copy).toBe(1);
    expect(report.table.copyByte).toBe(DEFAULT_COSTS.copyByte);
    expect(report.notes.some((n) => /no measurement constrained .*copy/.test(n))).toBe(true);
  });
});
