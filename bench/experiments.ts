// Experiments, emulated against native (issue 6 points 7 and 9). For each experiment:
//   - the CPU time the emulated half costs the host (in-process, best of N runs,
//     process.cpuUsage: the machine is shared, so wall time would mostly measure others);
//   - per measured operation, the default cost table's prediction, the native median
//     from this machine's probe, and prediction / measurement;
// then the same ratios after calibrating the table to these native figures.
// Figures are from one run; they are noisy and never asserted.
//
//   npm run build:node && node dist/bench/experiments.js [N]

import { DEFAULT_COSTS } from '../core/cost/cost-table.js';
import type { CalibrationReport, ExperimentResult } from '../electron/common/experiment-types.js';
import { EXPERIMENTS } from '../electron/host/experiments/experiment-defs.js';
import { ExperimentService } from '../electron/host/experiments/experiment-service.js';
import { measureProgram } from '../electron/host/experiments/measure-program.js';
import { runProbe } from '../electron/host/probes/index.js';

const N = Math.max(1, Number(process.argv[2] ?? 3));
let calibration: CalibrationReport | null = null;
const svc = new ExperimentService({
  measure: async (req) => measureProgram(req, 50_000_000),
  probe: (name, signal) => runProbe(name, { signal }),
  latestProbe: async () => null,
  storedProbe: async () => null,
  loadCalibration: async () => calibration,
  saveCalibration: async (r) => {
    calibration = r;
  },
  now: () => new Date().toISOString(),
});

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const pad = (s: string, n: number): string => s.padEnd(n);
console.log(`emulated half, host CPU time (best of ${N}):`);
for (const def of EXPERIMENTS) {
  let best = Infinity;
  let result: ExperimentResult | undefined;
  for (let i = 0; i < N; i++) {
    const t0 = cpuMs();
    [result] = await svc.run(1, { id: def.id, params: {}, halves: ['emulated'], table: 'default' }, () => {});
    best = Math.min(best, cpuMs() - t0);
  }
  console.log(`  ${pad(def.id, 16)} ${best.toFixed(0).padStart(6)} ms CPU  (${result?.operations?.length ?? 0} operations${result?.error ? `, error: ${result.error}` : ''})`);
}

const report = await svc.calibrate(1, () => {});
console.log('\nprediction / native median, per operation (default table → calibrated to this machine):');
console.log(`  ${pad('operation', 24)} ${pad('native ns', 11)} ${pad('default ns', 11)} ${pad('ratio', 8)} ${pad('calibrated', 11)} ratio`);
for (const r of report.rows) {
  console.log(
    `  ${pad(r.op, 24)} ${r.measuredNs.toFixed(1).padStart(10)} ${r.defaultNs.toFixed(1).padStart(11)} ${(r.defaultNs / r.measuredNs).toFixed(3).padStart(8)} ${r.calibratedNs.toFixed(1).padStart(11)} ${(r.calibratedNs / r.measuredNs).toFixed(3).padStart(6)}${r.fitted ? '' : '  (held out)'}`,
  );
}
console.log(`\nfitted: ${report.fit.cyclesPerNs.toFixed(3)} cycles/ns (default ${DEFAULT_COSTS.cyclesPerNs}); scales ${Object.entries(report.fit.scales).map(([g, s]) => `${g} ×${s.toFixed(2)}`).join(', ')}`);
for (const n of report.notes) console.log(`  note: ${n}`);
