// Messages between the host and the core worker: tagged unions, switched exhaustively
// on both sides. Every request carries an id; every reply names the id it answers.

export type WorkerRequest =
  | { type: 'info'; id: number }
  | { type: 'fault-inject'; id: number; mode: 'throw' | 'hang' | 'exit' }
  | { type: 'call'; id: number; op: string; payload: unknown; budget: number };

export type WorkerReply =
  | { type: 'ready'; generation: number }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'progress'; id: number; value: unknown };

export function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`);
}
