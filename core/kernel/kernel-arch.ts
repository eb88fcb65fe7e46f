// The seam between the generic kernel and one CPU architecture (Linux's arch/ split):
// boot, the page-table port, kernel stacks, saving and restoring a task's CPU state,
// the pt_regs a trap left on the kernel stack, signal frames, and the timer. The
// kernel, exec, signal delivery and the syscalls talk to the CPU only through this.

import type { StopReason as X86Stop } from '../arch/x86_64/cpu.js';
import type { StopReason as Arm64Stop } from '../arch/arm64/types.js';
import type { Arch } from '../trace/events.js';
import type { AddressSpace } from './mm/address-space.js';
import type { PagePort } from './mm/page-port.js';
import type { PendingSignal, SavedContext, Task } from './task.js';

/** Why the CPU stopped, on either architecture. */
export type CpuStop = X86Stop | Arm64Stop;
/** What the kernel's hooks return to stop the CPU: exited, blocked, preempt, panic... */
export type HookStop = { kind: 'hook'; value: unknown };

/** One disassembled instruction (both CPUs produce this shape). */
export interface ArchDisasmLine {
  addr: number;
  text: string;
}

/** The CPU as the kernel and the machine facade use it, whatever its ISA. */
export interface ArchCpu {
  readonly stats: { instructions: number; modeSwitches: number; pageWalks: number; tlbHits: number; tlbMisses: number; tlbFlushes: number };
  readonly breakpoints: Set<number>;
  run(budget: number): CpuStop;
  disassembleAt(addr: number, count: number): ArchDisasmLine[];
}

export interface KernelText {
  /** Symbol → address for the kernel's entry code (disassembly labels, hooks, breakpoints). */
  symbols: Map<string, number>;
  /** Entry-code source lines by address, for stepping through the kernel. */
  lines: Map<number, number>;
  source: string;
}

export interface KernelStack {
  top: number;
  frames: number[];
  slot: number;
}

/**
 * The registers a trap saved (pt_regs), as far as arch-neutral code needs them:
 * the syscall result register and the two ways of re-running the trapping call
 * (signal(7)'s restart rules, arch/x86/kernel/signal.c and arch/arm64/kernel/signal.c).
 */
export interface TrapFrame {
  /** The syscall return register (RAX / X0). */
  result(): bigint;
  /** The same as a signed number (exact for the -4095..-1 error range; the exit path's fast check). */
  resultNumber(): number;
  /** The user stack pointer the trap saved (RSP / SP_EL0). */
  stackPointer(): bigint;
  /**
   * Syscall argument `i` (0-5) as the trap saved it: RDI, RSI, RDX, R10, R8, R9 / orig_x0,
   * X1-X5. restart_syscall reads the interrupted call's arguments from here (do_restart_poll).
   */
  syscallArg(i: number): bigint;
  setResult(value: bigint): void;
  /** Back up over the syscall instruction with its original number and first argument. */
  rewindSyscall(): void;
  /** Back up over the syscall instruction, now calling restart_syscall. */
  rewindToRestartSyscall(): void;
  /** Register values by name as hex strings, for the trace and the UI. */
  snapshot(): Record<string, string>;
}

/** What rt_sigreturn read back from a signal frame. */
export interface RestoredFrame {
  mask: bigint;
  /** The result register's restored value (what rt_sigreturn "returns"). */
  ret: bigint;
  /** uc_stack as saved in the frame (24 bytes), or null where the arch does not save it. */
  ucStack: Uint8Array | null;
}

/**
 * Where execve puts things in the user half (TASK_SIZE, STACK_TOP, ELF_ET_DYN_BASE in
 * the arch's asm/processor.h and asm/elf.h) and how many bits of pages each placement
 * is randomised by (STACK_RND_MASK, mmap_rnd_bits, arch_randomize_brk's range).
 */
export interface UserLayout {
  /** TASK_SIZE: the first address past the user half. */
  taskSize: number;
  /** STACK_TOP before randomisation. */
  stackTop: number;
  /** ELF_ET_DYN_BASE, page aligned: where a static PIE's brk is moved to. */
  elfEtDynBase: number;
  stackRndBits: number;
  mmapRndBits: number;
  brkRndBits: number;
}

/** get_sigframe's choice: the alternate stack's top (null: below the current SP) and uc_stack's bytes. */
export interface SignalStack {
  altTop: bigint | null;
  ucStack: Uint8Array;
}

export interface KernelArch {
  readonly name: Arch;
  readonly cpu: ArchCpu;
  readonly port: PagePort;
  readonly text: KernelText;
  /** Kernel symbols where a system call enters (runToSyscall stops there). */
  readonly syscallEntrySymbols: readonly string[];
  /** The user half's layout for exec and mmap; then AT_HWCAP and AT_PLATFORM for the initial stack. */
  readonly layout: UserLayout;
  readonly hwcap: bigint;
  readonly platform: string;
  /** Whether a handler installed without SA_RESTORER can still return (a kernel/vDSO trampoline exists). */
  readonly hasSigreturnTrampoline: boolean;
  /** Bytes below the user SP a signal frame must not touch (the x86-64 ABI's red zone; arm64 has none). */
  readonly signalRedZone: number;
  /** MINSIGSTKSZ of the arch's uapi <asm/signal.h>: the smallest stack sigaltstack(2) accepts. */
  readonly minSigStackSize: number;
  symbol(name: string): number;

  allocKernelStack(): KernelStack;
  freeKernelStack(slot: number, frames: number[]): void;
  /** Make `stackTop` the stack the next kernel entry uses. */
  setKernelStack(stackTop: number): void;

  saveContext(): SavedContext;
  restoreContext(ctx: SavedContext, root: number): void;
  /** The page-table root the CPU translates user addresses with now (CR3 / TTBR0_EL1). */
  currentRoot(): number;
  /** The thread pointer (FS base / TPIDR_EL0) of the running task. */
  setTls(value: number): void;
  /**
   * The thread pointer as the CPU holds it now. User code may change it without a system
   * call (arm64's msr tpidr_el0, x86's wrfsbase), so the kernel reads it back at a switch
   * and at fork rather than trusting its last setTls (arch/arm64/kernel/process.c
   * tls_thread_switch, copy_thread).
   */
  userTls(): number;
  /** The register state a new program starts with. */
  userEntryContext(entry: number, sp: number): SavedContext;
  /** fork/clone: the child resumes in user mode where the parent called, with a 0 result. */
  childContext(parent: Task, childSp: bigint | null, tls: number): SavedContext;
  /** execve: reset the saved user registers of `task` to start the new image, and switch to its tables. */
  startImage(task: Task, entry: number, sp: number, root: number): void;

  trapFrame(task: Task): TrapFrame;
  /** Is the CPU executing user code (CPL 3 / EL0)? */
  inUserMode(): boolean;
  /** The program counter, for the vDSO seqlock check. */
  pc(): number;
  /** Make a blocked hook run again when this task next runs (the syscall is retried). */
  retryHookOnResume(label: string): void;
  /** The timer interrupt arrives between instructions. */
  deliverTimer(): void;
  /** The CPU's cycle counter (TSC / CNTVCT_EL0) reads the kernel's clock. */
  setCounterSource(cycles: () => number): void;
  /** Writes to frames holding decoded code must invalidate the CPU's caches. */
  watchCodeWrites(mm: AddressSpace): void;

  /** Map what exec gives every process besides the vDSO (nothing on either architecture today: arm64's sigreturn trampoline is in its vDSO). */
  mapSignalTrampoline(mm: AddressSpace): void;
  /**
   * Build the rt_sigframe on the user stack and point the registers at the handler; false
   * if the stack is unwritable. `restorer` is sa_restorer, or null for the kernel's trampoline.
   */
  setupSignalFrame(task: Task, mm: AddressSpace, info: PendingSignal, handler: bigint, restorer: bigint | null, oldMask: bigint, stack: SignalStack): boolean;
  /** rt_sigreturn: restore what the frame saved; null when it cannot be read. */
  restoreSignalFrame(task: Task, mm: AddressSpace): RestoredFrame | null;
}
