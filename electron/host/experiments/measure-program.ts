// Build a generated guest program, run it to exit under a given cost table, and
// return what the cost meter and the CPU counted. A fresh machine per measurement
// (fixed seed, no ASLR) so two runs differ only in the program's iteration count.
// Runs wherever the core runs: in the worker for the app, in-process for tests.

import type { CostTable } from '../../../core/cost/cost-table.js';
import { buildFromSource, ExecError, Machine } from '../../../core/machine.js';
import type { MeasureReply, MeasureRequest } from './measure-types.js';

export function measureProgram(req: MeasureRequest, budget: number): MeasureReply {
  const built = buildFromSource(req.source, 'x86_64', `${req.name}.s`);
  if (!built.ok) throw new Error(`generated program ${req.name} does not assemble: ${built.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  let stdout = '';
  const decoder = new TextDecoder();
  let machine: Machine;
  try {
    machine = Machine.fromElf(built.program.elf, `/home/student/${req.name}`, {
      arch: 'x86_64',
      seed: 1,
      aslr: false,
      costs: req.costs as Partial<CostTable>,
      record: false,
      output: (_fd, bytes) => {
        if (stdout.length < 4096) stdout += decoder.decode(bytes);
      },
    });
  } catch (err) {
    if (err instanceof ExecError) throw new Error(`generated program ${req.name} does not load: ${err.message}`);
    throw err;
  }
  const stop = machine.run(budget);
  if (stop.kind !== 'exit') {
    const why = stop.kind === 'budget' ? `did not finish within ${budget} instructions` : 'message' in stop ? `${stop.kind}: ${stop.message}` : stop.kind;
    throw new Error(`generated program ${req.name} ${why}`);
  }
  if (stop.signal !== null || stop.code !== 0) throw new Error(`generated program ${req.name} ended with ${stop.signal !== null ? `signal ${stop.signal}` : `status ${stop.code}`}`);
  const s = machine.stats();
  return {
    counts: s.countsByEvent,
    cycles: s.cyclesByEvent,
    totalCycles: s.cycles,
    tlbMisses: s.tlbMisses,
    contextSwitches: s.contextSwitches,
    timerInterrupts: s.timerInterrupts,
  };
}
