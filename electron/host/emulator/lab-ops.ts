// Graded lab runs in the worker: the app's "Check my work" runs here like any other run.

import { performance } from 'node:perf_hooks';
import type { LabRunRequest } from '../packs/lab-runner.js';
import { runLabProgram } from './lab-run.js';
import { interrupted, registerOp } from './worker-ops.js';

registerOp('lab.run', (payload, _budget, progress) => {
  return runLabProgram(payload as LabRunRequest, {
    now: () => performance.now(),
    onSlice: (instructions) => {
      progress({ instructions });
      return interrupted();
    },
  });
});
