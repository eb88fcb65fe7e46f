// The emulator as a grading engine (packs/lab-runner.ts's LabRunner), in two places:
// createLabRunner() runs the submission in this process (the CLI's `pack grade`, a
// batch job); workerLabRunner() runs it in the core worker, as every other run of the
// interactive app does, so a runaway or crashing run never stalls the host.

import { performance } from 'node:perf_hooks';
import type { LabRunner, LabRunRequest, RunOutcome } from '../packs/lab-runner.js';
import type { EmulatorHost } from './emulator-host.js';
import { LAB_RUN_LIMITS, runLabProgram } from './lab-run.js';

export function createLabRunner(): LabRunner {
  return async (req: LabRunRequest): Promise<RunOutcome> => runLabProgram(req, { now: () => performance.now() });
}

/** The worker's wall-clock watchdog re-arms on every progress report, so this bounds a silent worker, not a long run. */
const SILENT_WORKER_MS = 20_000;

export function workerLabRunner(host: EmulatorHost, onProgress?: (instructions: number) => void): LabRunner {
  return async (req: LabRunRequest): Promise<RunOutcome> =>
    (await host.request(
      { type: 'call', op: 'lab.run', payload: req, budget: LAB_RUN_LIMITS.instructions },
      { timeoutMs: SILENT_WORKER_MS, onProgress: (p) => onProgress?.((p as { instructions: number }).instructions) },
    )) as RunOutcome;
}
