// "Calibrate to this machine": pair each experiment's emulated operations (event
// counts) with the native medians of the same ops, fit the cost table to them
// (core/cost/calibrate.ts), and report prediction against measurement per op, for the
// default table and the fitted one. Of the read sweep only the largest buffer is fitted
// (there the bytes copied dominate, so it pins the copyByte row); the smaller buffers
// are a held-out check of the fitted table.

import { calibrateCosts, predictNs } from '../../../core/cost/calibrate.js';
import type { CostEvent, CostTable } from '../../../core/cost/cost-table.js';
import type { CalibrationReport, CalibrationRow, ExperimentId, ExperimentResult } from '../../common/experiment-types.js';

/** The experiments calibration runs, in order. */
export const CALIBRATION_EXPERIMENTS: readonly ExperimentId[] = ['null-syscall', 'vdso-clock', 'int80', 'context-switch', 'page-fault', 'read-sweep'];
const HELD_OUT: ReadonlySet<ExperimentId> = new Set(['read-sweep']);

/** Bytes per call of a read-sweep op (`read:65536`), or NaN. */
const readSize = (op: string): number => Number(/^read:(\d+)$/.exec(op)?.[1] ?? NaN);

export interface CalibrationPair {
  emulated: ExperimentResult;
  native: ExperimentResult;
}

const pct = (predicted: number, measured: number): number => ((predicted - measured) / measured) * 100;

export function buildCalibration(base: CostTable, pairs: readonly CalibrationPair[], at: string, notes: string[] = []): CalibrationReport {
  const joined: { experiment: ExperimentId; op: string; measuredNs: number; counts: Partial<Record<CostEvent, number>>; fitted: boolean }[] = [];
  for (const { emulated, native } of pairs) {
    for (const o of emulated.operations ?? []) {
      const m = native.measured.find((x) => x.op === o.op);
      if (!m || !(m.ns > 0)) continue;
      joined.push({ experiment: emulated.id, op: o.op, measuredNs: m.ns, counts: o.counts, fitted: !HELD_OUT.has(emulated.id) });
    }
  }
  const reads = joined.filter((j) => j.experiment === 'read-sweep' && readSize(j.op) > 0);
  const largest = reads.reduce<(typeof joined)[number] | null>((best, j) => (best && readSize(best.op) >= readSize(j.op) ? best : j), null);
  if (largest) largest.fitted = true;
  const fitSet = joined.filter((j) => j.fitted);
  const fit = calibrateCosts(base, fitSet);
  const rows: CalibrationRow[] = joined.map((j) => {
    const defaultNs = predictNs(base, j.counts);
    const calibratedNs = predictNs(fit.table, j.counts);
    return { experiment: j.experiment, op: j.op, measuredNs: j.measuredNs, defaultNs, calibratedNs, errorPct: pct(calibratedNs, j.measuredNs), defaultErrorPct: pct(defaultNs, j.measuredNs), fitted: j.fitted };
  });
  const extra = [...notes];
  if (largest) extra.push(`read sweep: ${largest.op} is fitted (the copy row); the other buffer sizes are held out as a check`);
  if (fit.unconstrained.length > 0) extra.push(`no measurement constrained ${fit.unconstrained.join(', ')}: kept at the default`);
  if (fit.clamped.length > 0) extra.push(`${fit.clamped.join(', ')} fitted below zero (the host is faster than the instructions alone predict): set to 0`);
  return { at, table: { ...fit.table }, fit: { cyclesPerNs: fit.cyclesPerNs, scales: { ...fit.scales } }, rows, notes: extra };
}
