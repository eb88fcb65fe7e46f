// Step back for the Playground: a machine's history as a log of the calls that drove it.
//
// The core is deterministic by construction (seeded randomness, emulated clock, stdin
// given up front), so the state after a sequence of run/step calls is a function of
// that sequence. A snapshot is therefore a position in the log: restoring one boots a
// fresh machine and replays the calls before it. That is exact for everything the
// kernel holds (tasks, files, pipes, signal state, TLB, counters, the trace), which a
// copy of registers and memory alone would miss, and it costs no memory per step.
// The price is time proportional to the instructions replayed; the worker reports
// progress while it replays, and long replays stream like a run.

import type { KernelStop } from './kernel/kernel-types.js';
import type { Machine } from './machine.js';

/** One call on the machine, as issued (the same call replays to the same state). */
export type MachineCall =
  | { kind: 'run'; budget: number }
  | { kind: 'runToSyscall'; budget: number }
  | { kind: 'step' }
  | { kind: 'stepOver'; budget: number }
  | { kind: 'breakpoints'; addrs: number[] };

/** What the calls go through: the machine itself, or a wrapper that records as it drives (same calls, same state). */
export interface MachineDriver {
  run(budget: number): KernelStop;
  runToSyscall(budget: number): KernelStop;
  step(): KernelStop;
  stepOver(budget: number): KernelStop;
}

/** A user action (Run, Step, Step over...) is a group of calls; step back undoes one group. */
interface Group {
  calls: MachineCall[];
  stop: KernelStop | null;
}

export class SnapshotHistory {
  machine: Machine;
  private readonly groups: Group[] = [];
  private open: Group | null = null;
  /** Breakpoints set outside any action, in order, so a replay sets them at the same points. */
  private pendingBreakpoints: MachineCall | null = null;

  private driver: MachineDriver;

  constructor(
    private readonly boot: () => Machine,
    private readonly drive: (m: Machine) => MachineDriver = (m) => m,
  ) {
    this.machine = boot();
    this.driver = drive(this.machine);
  }

  /** Actions that can be undone. */
  get depth(): number {
    return this.groups.length;
  }

  /** Start a user action; every call until end() belongs to it. */
  begin(): void {
    this.open = { calls: this.pendingBreakpoints ? [this.pendingBreakpoints] : [], stop: null };
    this.pendingBreakpoints = null;
  }

  /** Issue one call on the live machine and log it in the open action. */
  call(c: MachineCall): KernelStop | null {
    if (!this.open) this.begin();
    const stop = apply(this.machine, this.driver, c);
    this.open!.calls.push(c);
    if (stop) this.open!.stop = stop;
    return stop;
  }

  /** Close the action; `shown` is the stop to report when this state is restored (default: the last call's). */
  end(shown?: KernelStop | null): void {
    if (this.open && shown !== undefined) this.open.stop = shown;
    if (this.open && this.open.calls.length > 0) this.groups.push(this.open);
    this.open = null;
  }

  /** Breakpoints change between actions; remembered so replays set them at the same point. */
  setBreakpoints(addrs: number[]): void {
    this.machine.setBreakpoints(addrs);
    this.pendingBreakpoints = { kind: 'breakpoints', addrs: [...addrs] };
  }

  /**
   * Undo the last action: boot afresh and replay the ones before it. Returns the stop
   * the restored state had (null at the start), or undefined when there is nothing to
   * undo. `between` runs after each replayed call (the worker reports progress there).
   */
  stepBack(between: () => void = () => undefined): { stop: KernelStop | null } | undefined {
    this.end();
    const undone = this.groups.pop();
    if (!undone) return undefined;
    const breakpoints = this.machine.breakpoints;
    this.machine = this.boot();
    this.driver = this.drive(this.machine);
    let stop: KernelStop | null = null;
    for (const g of this.groups) {
      for (const c of g.calls) {
        apply(this.machine, this.driver, c);
        between();
      }
      stop = g.stop;
    }
    // The breakpoints the student has now stay set, whatever they were back then.
    this.machine.setBreakpoints(breakpoints);
    this.pendingBreakpoints = { kind: 'breakpoints', addrs: breakpoints };
    return { stop };
  }
}

function apply(m: Machine, d: MachineDriver, c: MachineCall): KernelStop | null {
  switch (c.kind) {
    case 'run':
      return d.run(c.budget);
    case 'runToSyscall':
      return d.runToSyscall(c.budget);
    case 'step':
      return d.step();
    case 'stepOver':
      return d.stepOver(c.budget);
    case 'breakpoints':
      m.setBreakpoints(c.addrs);
      return null;
  }
}
