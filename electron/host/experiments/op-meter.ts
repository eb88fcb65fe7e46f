// What one operation costs in the emulator: run a generated program twice and divide
// the difference by the number of extra operations. Counts are per operation; cycles
// and ns follow from the cost table the machine ran with (cycles / cyclesPerNs), so a
// changed row changes the figure by exactly count × change.

import type { CostTable } from '../../../core/cost/cost-table.js';
import { LOOP_INSTRUCTIONS } from './guest-programs.js';
import type { MeasureReply, MeasureRequest } from './measure-types.js';

export type Measure = (req: MeasureRequest) => Promise<MeasureReply>;

export class ExperimentCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface OpFigures {
  /** Events per operation (instructions included). */
  counts: Record<string, number>;
  /** Cycles per operation, per cost event. */
  cycles: Record<string, number>;
  totalCycles: number;
  tlbMisses: number;
  contextSwitches: number;
  ns: number;
}

export class OpMeter {
  private done = 0;
  constructor(
    private readonly measure: Measure,
    readonly table: CostTable,
    private readonly total: number,
    private readonly onProgress: (done: number, total: number) => void = () => {},
    private readonly signal?: AbortSignal,
  ) {}

  async run(name: string, source: string): Promise<MeasureReply> {
    if (this.signal?.aborted) throw new ExperimentCancelled();
    const reply = await this.measure({ name, source, costs: { ...this.table } });
    this.done += 1;
    this.onProgress(Math.min(this.done, this.total), this.total);
    return reply;
  }

  /** (b − a) / n, per event. `loopIterations` loop trips per operation are taken out of the instruction count. */
  difference(a: MeasureReply, b: MeasureReply, n: number, loopIterations = 1): OpFigures {
    const counts: Record<string, number> = {};
    const cycles: Record<string, number> = {};
    for (const e of Object.keys(b.counts)) {
      counts[e] = ((b.counts[e] ?? 0) - (a.counts[e] ?? 0)) / n;
      cycles[e] = ((b.cycles[e] ?? 0) - (a.cycles[e] ?? 0)) / n;
    }
    const loop = LOOP_INSTRUCTIONS * loopIterations;
    counts.instructions = (counts.instructions ?? 0) - loop;
    cycles.instructions = (cycles.instructions ?? 0) - loop * this.table.instruction;
    const totalCycles = (b.totalCycles - a.totalCycles) / n - loop * this.table.instruction;
    return {
      counts,
      cycles,
      totalCycles,
      tlbMisses: (b.tlbMisses - a.tlbMisses) / n,
      contextSwitches: (b.contextSwitches - a.contextSwitches) / n,
      ns: totalCycles / this.table.cyclesPerNs,
    };
  }

  /** One operation's figures from runs of n and 2n repetitions. */
  async perOp(name: string, program: (n: number) => string, n: number): Promise<OpFigures> {
    const a = await this.run(`${name}-x${n}`, program(n));
    const b = await this.run(`${name}-x${2 * n}`, program(2 * n));
    return this.difference(a, b, n);
  }
}
