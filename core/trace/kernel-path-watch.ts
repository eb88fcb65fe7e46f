// Drives a Machine while recording the kernel-path timeline of its system calls.
// Stage boundaries become temporary breakpoints: the run stops at each one just
// long enough to sample the cost meter, then carries on, so a run and a sequence of
// single steps record the same path. Stops the caller asked for (run to syscall,
// the student's own breakpoints) are passed through unchanged.

import type { KernelStop } from '../kernel/kernel-types.js';
import type { Machine } from '../machine.js';
import { entryBoundaries, KernelPathRecorder, type EntryLine, type KernelPathTimeline, type PathSample } from './kernel-path.js';

const ENTRY_POINTS = ['entry_SYSCALL_64', 'entry_INT80_compat'] as const;
const EXIT_PATHS = ['swapgs_restore_regs_and_return_to_usermode'] as const;
const HOOKS = ['do_syscall_64', 'do_int80_syscall_32'] as const;

/** The entry code from `addr` up to its sysret/iret or unconditional jmp (at most `max` lines). */
function listing(m: Machine, addr: number, max = 96): EntryLine[] {
  const out: EntryLine[] = [];
  for (const d of m.kernel.x86.cpu.disassembleAt(addr, max)) {
    out.push({ addr: d.addr, text: d.text });
    if (/^(sysretq?|iretq|jmp)\b/.test(d.text.trim())) break;
  }
  return out;
}

export class KernelPathWatch {
  readonly recorder: KernelPathRecorder;
  /** The kernel's syscall entry points (where "run to syscall" stops). */
  readonly entryPoints: ReadonlySet<number>;
  private eventsAtEntry = 0;

  constructor(private readonly machine: Machine) {
    const arch = machine.kernel.archOps;
    if (machine.kernel.arch !== 'x86_64') {
      // The stage map reads x86-64 entry code; on arm64 only the entry points are known (no stages yet).
      this.entryPoints = new Set(arch.syscallEntrySymbols.map((s) => arch.symbol(s)));
      this.recorder = new KernelPathRecorder(new Map(), this.entryPoints, machine.kernel.meter.table.instruction);
      return;
    }
    const x86 = machine.kernel.x86;
    this.entryPoints = new Set(ENTRY_POINTS.map((s) => x86.symbol(s)));
    const hooks = new Set(HOOKS.map((s) => x86.symbol(s)));
    const boundaries = entryBoundaries(
      [
        ...ENTRY_POINTS.map((name) => ({ name, kind: 'entry' as const, lines: listing(machine, x86.symbol(name)) })),
        ...EXIT_PATHS.map((name) => ({ name, kind: 'exit' as const, lines: listing(machine, x86.symbol(name)) })),
      ],
      hooks,
    );
    this.recorder = new KernelPathRecorder(boundaries, this.entryPoints, machine.kernel.meter.table.instruction);
  }

  private sample(): PathSample {
    const arch = this.machine.kernel.archOps;
    return { addr: arch.pc(), instructions: arch.cpu.stats.instructions, cycles: this.machine.kernel.meter.cycleTotals() };
  }

  /** Sample where the CPU stands now. */
  observe(): void {
    const arch = this.machine.kernel.archOps;
    const pc = arch.pc();
    const cpl = arch.inUserMode() ? 3 : 0;
    const entering = cpl === 0 && this.entryPoints.has(pc);
    if (entering) this.eventsAtEntry = this.machine.events.length;
    this.recorder.observe(pc, cpl, this.sample());
    if (!entering) this.noteLine();
  }

  /** The strace line of the call being served: the first syscall event since the entry. */
  private noteLine(): void {
    if (this.recorder.line !== null) return;
    const events = this.machine.events;
    for (let i = this.eventsAtEntry; i < events.length; i++) {
      const e = events[i]!;
      if (e.type === 'syscall') {
        this.recorder.line = e.line;
        return;
      }
    }
  }

  timeline(): KernelPathTimeline | null {
    this.noteLine();
    return this.recorder.timeline(this.sample());
  }

  step(): KernelStop {
    this.observe();
    const stop = this.machine.step();
    this.observe();
    return stop;
  }

  /**
   * Run up to `budget` instructions. With `stopAt` (e.g. the syscall entry points)
   * the run ends when the CPU reaches one of those addresses.
   */
  run(budget: number, stopAt: ReadonlySet<number> = new Set()): KernelStop {
    const cpu = this.machine.kernel.archOps.cpu;
    const ours = [...this.recorder.boundaries.keys()].filter((a) => !cpu.breakpoints.has(a));
    const theirs = new Set(stopAt);
    for (const a of cpu.breakpoints) theirs.add(a);
    const added = [...new Set([...ours, ...stopAt])].filter((a) => !cpu.breakpoints.has(a));
    for (const a of added) cpu.breakpoints.add(a);
    let left = budget;
    try {
      this.observe();
      for (;;) {
        const before = cpu.stats.instructions;
        let stop = this.machine.run(left);
        left -= Math.max(1, cpu.stats.instructions - before);
        this.observe();
        if (stop.kind !== 'breakpoint' || theirs.has(stop.addr)) return stop;
        if (this.recorder.boundaries.get(stop.addr) === 'sysret') {
          // Execute the sysret/iret itself so the pass ends with the first user sample.
          stop = this.machine.run(1);
          left -= 1;
          this.observe();
          if (stop.kind !== 'budget') return stop;
          // Landed on a stop the caller asked for (a breakpoint on the instruction after
          // the syscall): end here, since the next run would start on it and not stop.
          const pc = this.machine.kernel.archOps.pc();
          if (theirs.has(pc)) return { kind: 'breakpoint', addr: pc };
        }
        if (left <= 0) return { kind: 'budget' };
      }
    } finally {
      for (const a of added) cpu.breakpoints.delete(a);
    }
  }
}
