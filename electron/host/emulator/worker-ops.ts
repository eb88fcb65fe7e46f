// Operations the worker performs on behalf of the host. The emulator registers its
// operations here as they land; an unknown operation is a clear error, not a guess.

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
