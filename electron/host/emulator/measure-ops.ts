// The experiments' emulated half runs its generated programs here, in the worker.

import { measureProgram } from '../experiments/measure-program.js';
import type { MeasureRequest } from '../experiments/measure-types.js';
import { registerOp } from './worker-ops.js';

registerOp('experiment.measure', (payload, budget) => measureProgram(payload as MeasureRequest, budget));
