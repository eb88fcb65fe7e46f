// The facade over one emulated computer: build it from assembly source or an ELF,
// run it with an instruction budget, step it, read its state and statistics.
// Everything the host, the CLI and the renderer do with a machine goes through here.

import { assembleX86 } from './arch/x86_64/assembler/index.js';
import { assembleArm64 } from './arch/arm64/assembler/assembler.js';
import type { AsmError } from './asm/types.js';
import type { CostTable } from './cost/cost-table.js';
import { linkExecutable } from './elf/link.js';
import { parseElf } from './elf/parse.js';
import { ExecError, execProgram, type LoadedProgram } from './kernel/exec.js';
import { Kernel, type KernelStop, type Limits } from './kernel/kernel.js';
import type { Arch, RunEvent } from './trace/events.js';
import type { Arm64Arch } from './kernel/arm64/arm64-arch.js';
import { EC_SVC64 } from './arch/arm64/exceptions.js';

export interface MachineOptions {
  arch: Arch;
  seed?: number;
  aslr?: boolean;
  costs?: Partial<CostTable>;
  limits?: Partial<Limits>;
  /** Host stdio is a terminal (affects isatty/TCGETS in the guest). */
  terminal?: boolean;
  output?: (fd: 1 | 2, bytes: Uint8Array) => void;
  onEvent?: (event: RunEvent) => void;
  /** Record run events (default true); off for benchmarks. */
  record?: boolean;
  argv?: string[];
  envp?: string[];
}

export interface SourceProgram {
  /** The linked ELF, ready to load. */
  elf: Uint8Array;
  /** Instruction address → source line (for stepping). */
  lines: Map<number, number>;
  symbols: Map<string, number>;
}

export type BuildResult = { ok: true; program: SourceProgram } | { ok: false; errors: AsmError[] };

/** Assemble and link one source file into a static ELF (same layout rules as GNU ld). */
export function buildFromSource(source: string, arch: Arch, fileName = 'program.s'): BuildResult {
  const asm = arch === 'arm64' ? assembleArm64(source, { fileName }) : assembleX86(source, { fileName });
  if (!asm.ok) return { ok: false, errors: asm.errors };
  const linked = linkExecutable(asm.image, { arch });
  if (!linked.ok) return { ok: false, errors: linked.errors };
  const lines = new Map<number, number>();
  for (const m of linked.sourceMap) lines.set(Number(m.address), m.line);
  const symbols = new Map<string, number>();
  for (const s of linked.symbols) symbols.set(s.name, Number(s.value));
  return { ok: true, program: { elf: linked.elf, lines, symbols } };
}

/**
 * On Linux the running program is a file at the path it was started from, so
 * execve(argv[0], ...) and open("/proc/self/exe"-style paths) find it. Put the image
 * there in the in-memory file system too (owned by the student, mode 0755), unless
 * something already is or the path cannot be a file.
 */
function placeProgramFile(kernel: Kernel, path: string, elf: Uint8Array): void {
  const vfs = kernel.files.vfs;
  if (!path.startsWith('/') || path.endsWith('/')) return;
  if (typeof vfs.lookup(path, { base: vfs.root, creds: { uid: 0, gid: 0 }, pid: 0, arch: kernel.arch }) !== 'number') return;
  try {
    vfs.addFile(path, elf, 0o755, 1000, 1000);
  } catch {
    // A path component is a file already: leave the tree as it is.
  }
}

/** The architecture an ELF's e_machine names; null when it does not parse (exec then says why). */
function elfArch(bytes: Uint8Array): Arch | null {
  const r = parseElf(bytes);
  return r.ok ? r.elf.machine : null;
}
/** RSP's number in the x86-64 register file (SDM Vol 1 3.4.1: RAX, RCX, RDX, RBX, RSP, ...). */
const RSP_INDEX = 4;

export class Machine {
  readonly kernel: Kernel;
  readonly loaded: LoadedProgram;
  private stopped: KernelStop | null = null;

  private constructor(kernel: Kernel, loaded: LoadedProgram) {
    this.kernel = kernel;
    this.loaded = loaded;
  }

  /**
   * Boot a machine and exec the ELF as its first process. Throws ExecError with a clear message.
   * An ELF names its own architecture (e_machine: EM_X86_64 = 62, EM_AARCH64 = 183); it wins over options.arch.
   */
  static fromElf(elf: Uint8Array, path: string, options: MachineOptions): Machine {
    const kernel = new Kernel({
      arch: elfArch(elf) ?? options.arch,
      seed: options.seed ?? 1,
      aslr: options.aslr ?? true,
      costs: options.costs ?? {},
      limits: options.limits ?? {},
      io: { output: options.output ?? (() => undefined), terminal: options.terminal ?? false },
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      record: options.record ?? true,
    });
    const argv = options.argv ?? [path];
    const envp = options.envp ?? ['HOME=/home/student', 'PATH=/usr/bin:/bin', 'USER=student', 'LANG=C.UTF-8'];
    placeProgramFile(kernel, path, elf);
    const { loaded } = execProgram(kernel, { bytes: elf, path, inode: 1_048_577 }, argv, envp);
    return new Machine(kernel, loaded);
  }

  /** Run up to `budget` guest instructions; returns why it stopped. */
  run(budget: number): KernelStop {
    if (this.stopped && this.stopped.kind === 'exit') return this.stopped;
    const stop = this.kernel.run(budget);
    if (stop.kind === 'exit' || stop.kind === 'panic' || stop.kind === 'limit') this.stopped = stop;
    return stop;
  }

  /** Execute one instruction (a kernel hook counts as one). */
  step(): KernelStop {
    return this.run(1);
  }

  /**
   * Run until the CPU enters the kernel's syscall entry (or the budget ends). On
   * arm64 the entry is shared: aborts from EL0 (demand paging's first instruction
   * fetch, say) arrive at the same el0t_64_sync, so those stops are passed over
   * and the run carries on until an `svc` gets there.
   */
  runToSyscall(budget: number): KernelStop {
    const arch = this.kernel.archOps;
    const cpu = arch.cpu;
    const entries = arch.syscallEntrySymbols.map((s) => arch.symbol(s));
    const added = entries.filter((a) => !cpu.breakpoints.has(a));
    for (const a of added) cpu.breakpoints.add(a);
    let left = budget;
    try {
      for (;;) {
        const before = cpu.stats.instructions;
        const stop = this.run(left);
        // A breakpoint the student placed on the entry stops whatever the cause.
        if (stop.kind !== 'breakpoint' || !added.includes(stop.addr) || this.enteredBySyscall()) return stop;
        left -= Math.max(1, cpu.stats.instructions - before);
        if (left <= 0) return { kind: 'budget' };
      }
    } finally {
      for (const a of added) cpu.breakpoints.delete(a);
    }
  }

  /**
   * Whether the exception being taken now is a system call. x86-64 reaches its
   * syscall entry points only through `syscall` / `int 0x80`. On arm64 `svc` and
   * every other synchronous exception from EL0 share the vector slot VBAR_EL1+0x400;
   * ESR_EL1.EC (bits 31:26) tells them apart, 0x15 being SVC from AArch64
   * (ARM ARM D17.2.37 ESR_EL1). Meaningful at the entry, before the handler runs.
   */
  enteredBySyscall(): boolean {
    if (this.kernel.arch !== 'arm64') return true;
    const esr = (this.kernel.archOps as Arm64Arch).cpu.sysreg('ESR_EL1');
    return Number((esr >> 26n) & 0x3fn) === EC_SVC64;
  }

  // ---- debugger stepping (the Playground's Step over and breakpoints) ----

  private readonly userBreakpoints = new Set<number>();

  /** Replace the user's breakpoints (virtual addresses, user or kernel half). */
  setBreakpoints(addrs: Iterable<number>): void {
    const cpu = this.kernel.archOps.cpu;
    for (const a of this.userBreakpoints) cpu.breakpoints.delete(a);
    this.userBreakpoints.clear();
    for (const a of addrs) {
      this.userBreakpoints.add(a);
      cpu.breakpoints.add(a);
    }
  }

  get breakpoints(): number[] {
    return [...this.userBreakpoints];
  }

  /**
   * One step that treats a `call` as a whole: run until it returns to the next
   * instruction with the stack back where it was (so recursion does not stop early),
   * like gdb's `next`. A `syscall` or `int` is likewise one step at the level it was
   * issued from: the kernel path runs until control comes back. A user breakpoint
   * met on the way stops there. Anything else is a single step. `run` is how to run
   * (a recorder that wraps run may pass its own; it must stop at cpu.breakpoints).
   */
  stepOver(budget: number, run: (budget: number) => KernelStop = (n) => this.run(n)): KernelStop {
    const arch = this.kernel.archOps;
    const cpu = arch.cpu;
    const [ins] = cpu.disassembleAt(arch.pc(), 1);
    const callLike = this.kernel.arch === 'arm64' ? /^(bl|blr|svc)\b/ : /^(call|syscall|int|sysenter)\b/;
    if (!ins || !callLike.test(ins.text.trim())) return run(1);
    // The instruction after it: AArch64 instructions are 4 bytes; x86 lengths come from the decoder.
    const ret = this.kernel.arch === 'arm64' ? ins.addr + 4 : ins.addr + (this.kernel.x86.cpu.disassembleAt(ins.addr, 1)[0]?.length ?? 1);
    const sp = this.stackPointer();
    const user = arch.inUserMode();
    const added = !cpu.breakpoints.has(ret);
    if (added) cpu.breakpoints.add(ret);
    const start = cpu.stats.instructions;
    try {
      for (;;) {
        const left = budget - (cpu.stats.instructions - start);
        if (left <= 0) return { kind: 'budget' };
        const stop = run(left);
        if (stop.kind !== 'breakpoint' || stop.addr !== ret) return stop;
        if (arch.inUserMode() === user && this.stackPointer() >= sp) {
          // Our own return point is not a stop the student asked for, unless they also set one there.
          return this.userBreakpoints.has(ret) ? stop : { kind: 'budget' };
        }
      }
    } finally {
      if (added) cpu.breakpoints.delete(ret);
    }
  }

  /** The live stack pointer, unsigned (RSP, or the AArch64 SP of the current level). */
  private stackPointer(): bigint {
    if (this.kernel.arch === 'x86_64') return BigInt.asUintN(64, BigInt(this.kernel.x86.cpu.getReg(RSP_INDEX)));
    return BigInt.asUintN(64, (this.kernel.archOps as Arm64Arch).cpu.sp);
  }

  pushStdin(bytes: Uint8Array): void {
    this.kernel.files.pushStdin(bytes);
  }

  endStdin(): void {
    this.kernel.files.endStdin();
  }

  get events(): RunEvent[] {
    return this.kernel.events;
  }

  /** The --stats figures: instructions, mode switches, page walks, TLB misses, emulated cycles. */
  stats(): MachineStats {
    const cpu = this.kernel.archOps.cpu.stats;
    const m = this.kernel.meter;
    return {
      instructions: cpu.instructions,
      modeSwitches: cpu.modeSwitches,
      pageWalks: cpu.pageWalks,
      tlbHits: cpu.tlbHits,
      tlbMisses: cpu.tlbMisses,
      tlbFlushes: cpu.tlbFlushes,
      cycles: m.total(),
      emulatedNs: this.kernel.monotonicNs(),
      cyclesByEvent: { ...m.cycles },
      countsByEvent: { ...m.counts },
      ...this.kernel.counters,
    };
  }
}

export interface MachineStats {
  instructions: number;
  modeSwitches: number;
  pageWalks: number;
  tlbHits: number;
  tlbMisses: number;
  tlbFlushes: number;
  cycles: number;
  emulatedNs: number;
  cyclesByEvent: Record<string, number>;
  countsByEvent: Record<string, number>;
  syscalls: number;
  int80: number;
  exceptions: number;
  timerInterrupts: number;
  contextSwitches: number;
  cr3Switches: number;
  signalsDelivered: number;
  vdsoSeqlockRetries: number;
}

export { ExecError };

