// Operations the worker performs on behalf of the host. The emulator registers its
// operations here as they land; an unknown operation is a clear error, not a guess.

import { workerData } from 'node:worker_threads';

export type ProgressSink = (progress: unknown) => void;
export type WorkerOp = (payload: unknown, budget: number, progress: ProgressSink) => unknown;

const ops = new Map<string, WorkerOp>();
const arches: string[] = [];

export function registerOp(name: string, op: WorkerOp): void {
  ops.set(name, op);
}

export function registerArchitecture(arch: string): void {
  if (!arches.includes(arch)) arches.push(arch);
}

export const handleCall = {
  architectures: (): string[] => [...arches],
  run(op: string, payload: unknown, budget: number, progress: ProgressSink): unknown {
    const fn = ops.get(op);
    if (!fn) throw new Error(`the core has no operation '${op}'`);
    return fn(payload, budget, progress);
  },
};

// Stop: the host writes the id of the request it wants stopped into a shared Int32
// (the worker is busy inside the run and cannot read messages until it returns). A run
// polls interrupted() between slices. Comparing ids, never clearing a flag, means a
// Stop that arrives before its run has started still applies to it, and a Stop for a
// finished request cannot stop the next one.
const interruptCell: Int32Array | null = (() => {
  const shared = (workerData as { interrupt?: SharedArrayBuffer } | null)?.interrupt;
  return shared ? new Int32Array(shared) : null;
})();
let currentCall = 0;

/** worker.ts: the request now being handled. */
export function beginCall(id: number): void {
  currentCall = id;
}

/** True when the host asked to stop the request being handled. */
export function interrupted(): boolean {
  return interruptCell !== null && Atomics.load(interruptCell, 0) === currentCall;
}
