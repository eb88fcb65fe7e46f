// Drives a Machine while recording the kernel-path timeline of its system calls.
// Stage boundaries become temporary breakpoints: the run stops at each one just
// long enough to sample the cost meter, then carries on, so a run and a sequence of
// single steps record the same path. Stops the caller asked for (run to syscall,
// the student's own breakpoints) are passed through, except that on arm64 "run to
// syscall" passes over aborts that arrive at the shared entry.

import type { ArchCpu } from '../kernel/kernel-arch.js';
import type { KernelStop } from '../kernel/kernel-types.js';
import type { Arm64Arch } from '../kernel/arm64/arm64-arch.js';
import type { Machine } from '../machine.js';
import { entryBoundaries, KernelPathRecorder, type EntryLine, type KernelPathTimeline, type PathSample } from './kernel-path.js';
import { arm64EntryBoundaries, branch } from './kernel-path-arm64.js';
import { ARM64_PATH } from './kernel-path-stages.js';

const ENTRY_POINTS = ['entry_SYSCALL_64', 'entry_INT80_compat'] as const;
const EXIT_PATHS = ['swapgs_restore_regs_and_return_to_usermode'] as const;
const HOOKS = ['do_syscall_64', 'do_int80_syscall_32'] as const;
/** AArch64: the vector slot for synchronous exceptions from EL0 in AArch64 state (ARM ARM D1.10.2). */
const EL0_SYNC_SLOT = 0x400;
const X86_LAST = /^(sysretq?|iretq|jmp)\b/;
const ARM64_LAST = /^(eret|b)\s/;

/** The entry code from `addr` up to its return or unconditional jump (at most `max` lines). */
function listing(cpu: ArchCpu, addr: number, last: RegExp, max = 96): EntryLine[] {
  const out: EntryLine[] = [];
  for (const d of cpu.disassembleAt(addr, max)) {
    out.push({ addr: d.addr, text: d.text });
    if (last.test(d.text.trim())) break;
  }
  return out;
}

export class KernelPathWatch {
  readonly recorder: KernelPathRecorder;
  /** The kernel's syscall entry points (where "run to syscall" stops). */
  readonly entryPoints: ReadonlySet<number>;
  /** Where a pass begins: the x86 entry points; the arm64 vector slot (svc and aborts share it). */
  private readonly passStarts: ReadonlySet<number>;
  private eventsAtEntry = 0;

  constructor(private readonly machine: Machine) {
    const k = machine.kernel;
    const cycles = k.meter.table.instruction;
    if (k.arch === 'arm64') {
      const a = k.archOps as Arm64Arch;
      this.entryPoints = new Set(a.syscallEntrySymbols.map((s) => a.symbol(s)));
      const vector = listing(a.cpu, Number(BigInt.asIntN(64, a.cpu.sysreg('VBAR_EL1'))) + EL0_SYNC_SLOT, ARM64_LAST, 1);
      // The slot's branch leads to the entry; the entry's closing branch to the exit path.
      const entry = listing(a.cpu, branch(vector[0]?.text ?? '')?.to ?? a.symbol('el0t_64_sync'), ARM64_LAST);
      const exit = listing(a.cpu, branch(entry.at(-1)?.text ?? '')?.to ?? a.symbol('ret_to_user'), ARM64_LAST);
      const boundaries = arm64EntryBoundaries({ vector, entry, exit }, new Set(a.cpu.hooks.keys()));
      this.passStarts = new Set(vector.map((l) => l.addr));
      this.recorder = new KernelPathRecorder(boundaries, this.passStarts, cycles, ARM64_PATH);
      return;
    }
    const x86 = k.x86;
    this.entryPoints = new Set(ENTRY_POINTS.map((s) => x86.symbol(s)));
    this.passStarts = this.entryPoints;
    const hooks = new Set(HOOKS.map((s) => x86.symbol(s)));
    const boundaries = entryBoundaries(
      [
        ...ENTRY_POINTS.map((name) => ({ name, kind: 'entry' as const, lines: listing(x86.cpu, x86.symbol(name), X86_LAST) })),
        ...EXIT_PATHS.map((name) => ({ name, kind: 'exit' as const, lines: listing(x86.cpu, x86.symbol(name), X86_LAST) })),
      ],
      hooks,
    );
    this.recorder = new KernelPathRecorder(boundaries, this.passStarts, cycles);
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
    const entering = cpl === 0 && this.passStarts.has(pc);
    // An abort or undefined instruction enters through the same arm64 slot: not a syscall's path.
    if (entering && !this.machine.enteredBySyscall()) {
      this.recorder.abandon();
      return;
    }
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
   * the run ends when the CPU reaches one of those addresses; on arm64 only when
   * it got there by an `svc` (see Machine.enteredBySyscall), since aborts from EL0
   * share the entry. A breakpoint that was already set stops the run regardless.
   */
  run(budget: number, stopAt: ReadonlySet<number> = new Set()): KernelStop {
    const cpu = this.machine.kernel.archOps.cpu;
    const ours = [...this.recorder.boundaries.keys()].filter((a) => !cpu.breakpoints.has(a));
    const theirs = new Set(cpu.breakpoints);
    const wanted = (addr: number): boolean => theirs.has(addr) || (stopAt.has(addr) && this.machine.enteredBySyscall());
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
        if (stop.kind !== 'breakpoint' || wanted(stop.addr)) return stop;
        if (this.recorder.boundaries.get(stop.addr) === this.recorder.plan.ret) {
          // Execute the sysret/iret/eret itself so the pass ends with the first user sample.
          stop = this.machine.run(1);
          left -= 1;
          this.observe();
          if (stop.kind !== 'budget') return stop;
          // Landed on a stop the caller asked for (a breakpoint on the instruction after
          // the syscall): end here, since the next run would start on it and not stop.
          const pc = this.machine.kernel.archOps.pc();
          if (wanted(pc)) return { kind: 'breakpoint', addr: pc };
        }
        if (left <= 0) return { kind: 'budget' };
      }
    } finally {
      for (const a of added) cpu.breakpoints.delete(a);
    }
  }
}
