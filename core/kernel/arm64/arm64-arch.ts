// AArch64 glue between the CPU and the kernel: boot (TTBR1 kernel half, entry code,
// VBAR_EL1, SCTLR_EL1.M), kernel stacks, saving and restoring a task's CPU state,
// and the hooks through which the guest entry code calls into the TypeScript kernel.

import { Arm64Cpu } from '../../arch/arm64/cpu.js';
import { assembleArm64 } from '../../arch/arm64/assembler/assembler.js';
import { takeException } from '../../arch/arm64/exceptions.js';
import type { StopReason } from '../../arch/arm64/types.js';
import { mapPage, newTable, unmapPage } from '../../mm/arm64/page-table.js';
import { PAGE_SIZE, type PhysicalMemory } from '../../mm/phys-memory.js';
import type { KernelArch, KernelStack, KernelText, RestoredFrame, SignalStack } from '../kernel-arch.js';
import { KernelStackArea, kernelImage, loadKernelText, type KernelImage } from '../kernel-image.js';
import type { AddressSpace } from '../mm/address-space.js';
import type { PendingSignal, SavedContext, Task } from '../task.js';
import { ENTRY_SOURCE, HOOK_RETURNS, PT_REGS_SIZE, type Arm64HookLabel } from './entry-source.js';
import * as L from './layout.js';
import { Arm64PagePort } from './page-port.js';
import { Arm64PtRegs } from './pt-regs.js';
import { restoreArm64Frame, setupArm64Frame } from './signal-frame.js';
import { sigtrampAddress } from './sigtramp.js';

/** Everything needed to resume a task exactly where it stopped (in user mode or inside a hook). */
export interface Arm64Context {
  xlo: Uint32Array;
  xhi: Uint32Array;
  pc: number;
  nzcv: number;
  daif: number;
  el: 0 | 1;
  spsel: number;
  pan: number;
  spEl0: bigint;
  spEl1: bigint;
  elr: bigint;
  spsr: bigint;
  /** ESR/FAR of the trap being handled: a retried hook reads them again after other tasks ran. */
  esr: bigint;
  far: bigint;
  /** TPIDR_EL0, the thread pointer (the kernel keeps it in task.fsBase). */
  fsBase: number;
}

export type Arm64HookHandler = (label: Arm64HookLabel) => StopReason | void;

let cachedText: KernelImage | null = null;

/** Assemble the entry code once per worker. */
function entryImage(): KernelImage {
  cachedText ??= kernelImage(assembleArm64(ENTRY_SOURCE, { fileName: 'entry.S' }), L.KERNEL_TEXT, 'arm64 kernel entry code');
  return cachedText;
}

const u64 = (a: number): bigint => BigInt.asUintN(64, BigInt(a));

export class Arm64Arch implements KernelArch {
  readonly name = 'arm64' as const;
  readonly syscallEntrySymbols = ['el0t_64_sync'] as const;
  readonly layout = L.ARM64_LAYOUT;
  readonly hwcap = L.ARM64_HWCAP;
  readonly platform = 'aarch64';
  // [vdso]'s __kernel_rt_sigreturn returns from handlers installed without SA_RESTORER.
  readonly hasSigreturnTrampoline = true;
  // AAPCS64 has no red zone: sigsp() tests and builds below regs->sp itself.
  readonly signalRedZone = 0;
  readonly minSigStackSize = L.MINSIGSTKSZ;
  readonly cpu: Arm64Cpu;
  readonly port: Arm64PagePort;
  /** The TTBR1 table: the kernel half every process shares. */
  readonly kernelRoot: number;
  readonly text: KernelText;
  private readonly stacks: KernelStackArea;
  private kernelStackTop = 0;
  private retryLabel: string | null = null;

  constructor(
    readonly mem: PhysicalMemory,
    onHook: Arm64HookHandler,
  ) {
    this.cpu = new Arm64Cpu(mem);
    this.kernelRoot = newTable(mem);
    this.port = new Arm64PagePort(mem, this.cpu);
    const stackLayout = { base: L.KERNEL_STACKS, size: L.KERNEL_STACK_SIZE, stride: L.KERNEL_STACK_STRIDE };
    this.stacks = new KernelStackArea(
      mem,
      stackLayout,
      (va, frame) => {
        mapPage(this.mem, this.kernelRoot, va, frame, { uxn: true, pxn: true });
        this.cpu.flushTlbPage(va);
      },
      (va) => {
        unmapPage(this.mem, this.kernelRoot, va);
        this.cpu.flushTlbPage(va);
      },
    );
    const image = entryImage();
    this.text = { symbols: image.symbols, lines: image.lines, source: ENTRY_SOURCE };
    this.mapKernelText(image.bytes);
    this.setUpCpu();
    for (const label of Object.keys(HOOK_RETURNS) as Arm64HookLabel[]) {
      const at = this.symbol(label);
      const back = u64(this.symbol(HOOK_RETURNS[label]));
      this.cpu.hooks.set(at, (cpu) => {
        cpu.setX(30, back);
        const stop = onHook(label);
        // A blocked syscall: resume at the hook itself, so the call is retried.
        if (this.retryLabel === label) cpu.setX(30, u64(at));
        this.retryLabel = null;
        return stop;
      });
    }
  }

  symbol(name: string): number {
    const a = this.text.symbols.get(name);
    if (a === undefined) throw new Error(`kernel symbol ${name} is missing`);
    return a;
  }

  private mapKernelText(bytes: Uint8Array): void {
    loadKernelText(this.mem, bytes, L.KERNEL_TEXT, (va, frame) => mapPage(this.mem, this.kernelRoot, va, frame, { el1Write: false, uxn: true }));
  }

  private setUpCpu(): void {
    const cpu = this.cpu;
    cpu.setSysreg('TTBR1_EL1', BigInt(this.kernelRoot));
    cpu.setSysreg('TTBR0_EL1', BigInt(newTable(this.mem)));
    cpu.setSysreg('VBAR_EL1', u64(L.KERNEL_TEXT));
    cpu.setSysreg('SCTLR_EL1', cpu.sysreg('SCTLR_EL1') | L.SCTLR_M | L.SCTLR_NTWI | L.SCTLR_NTWE);
    cpu.flushTlb();
  }

  allocKernelStack(): KernelStack {
    return this.stacks.alloc();
  }

  freeKernelStack(slot: number, frames: number[]): void {
    this.stacks.free(slot, frames);
  }

  /** task_pt_regs(): the top PT_REGS_SIZE bytes of the task's kernel stack. */
  ptRegs(stackFrames: number[]): Arm64PtRegs {
    const topFrame = stackFrames[stackFrames.length - 1]!;
    return new Arm64PtRegs(this.mem, topFrame + PAGE_SIZE - PT_REGS_SIZE);
  }

  trapFrame(task: Task): Arm64PtRegs {
    return this.ptRegs(task.kernelStackFrames);
  }

  /** In user mode SP_EL1 is the empty kernel stack of the running task. */
  setKernelStack(stackTop: number): void {
    this.kernelStackTop = stackTop;
  }

  saveContext(): Arm64Context {
    const cpu = this.cpu;
    const onEl1 = cpu.usesSpEl1();
    return {
      xlo: cpu.xlo.slice(),
      xhi: cpu.xhi.slice(),
      pc: cpu.pc,
      nzcv: cpu.nzcv,
      daif: cpu.daif,
      el: cpu.el,
      spsel: cpu.spsel,
      pan: cpu.pan,
      spEl0: onEl1 ? cpu.spEl0Bank : cpu.sp,
      spEl1: onEl1 ? cpu.sp : cpu.spEl1Bank,
      elr: cpu.sysreg('ELR_EL1'),
      spsr: cpu.sysreg('SPSR_EL1'),
      esr: cpu.sysreg('ESR_EL1'),
      far: cpu.sysreg('FAR_EL1'),
      fsBase: Number(BigInt.asIntN(64, cpu.sysreg('TPIDR_EL0'))),
    };
  }

  currentRoot(): number {
    return Number(this.cpu.sysreg('TTBR0_EL1'));
  }

  restoreContext(saved: SavedContext, root: number): void {
    const ctx = saved as Arm64Context;
    const cpu = this.cpu;
    cpu.setMode(1, 1);
    cpu.xlo.set(ctx.xlo);
    cpu.xhi.set(ctx.xhi);
    // Slot 32 is the live SP: load SP_EL1 now; setMode banks it and loads SP_EL0 for EL0.
    cpu.sp = ctx.el === 0 ? u64(this.kernelStackTop) : ctx.spEl1;
    cpu.spEl0Bank = ctx.spEl0;
    cpu.setMode(ctx.el, ctx.spsel);
    cpu.pc = ctx.pc;
    cpu.nzcv = ctx.nzcv;
    cpu.daif = ctx.daif;
    cpu.pan = ctx.pan;
    cpu.setSysreg('ELR_EL1', ctx.elr);
    cpu.setSysreg('SPSR_EL1', ctx.spsr);
    cpu.setSysreg('ESR_EL1', ctx.esr);
    cpu.setSysreg('FAR_EL1', ctx.far);
    // No ASIDs: a TTBR0 write flushes the TLB, so only write it when the process changes.
    if (cpu.sysreg('TTBR0_EL1') !== BigInt(root)) cpu.setSysreg('TTBR0_EL1', BigInt(root));
  }

  setTls(value: number): void {
    this.cpu.setSysreg('TPIDR_EL0', u64(value));
  }

  userTls(): number {
    return Number(BigInt.asIntN(64, this.cpu.sysreg('TPIDR_EL0')));
  }

  /** start_thread: registers zero, SP at argc, EL0t with interrupts unmasked. */
  userEntryContext(entry: number, sp: number): Arm64Context {
    const xlo = new Uint32Array(33);
    const xhi = new Uint32Array(33);
    return { xlo, xhi, pc: entry, nzcv: 0, daif: 0, el: 0, spsel: 0, pan: 0, spEl0: u64(sp), spEl1: 0n, elr: 0n, spsr: 0n, esr: 0n, far: 0n, fsBase: 0 };
  }

  /** fork/clone: the child leaves the kernel as the parent will, with x0 = 0. */
  childContext(parent: Task, childSp: bigint | null, tls: number): Arm64Context {
    const regs = this.trapFrame(parent);
    const ctx = this.userEntryContext(Number(BigInt.asIntN(64, regs.get('pc'))), 0);
    for (let i = 1; i < 31; i++) {
      const v = regs.x(i);
      ctx.xlo[i] = Number(v & 0xffffffffn);
      ctx.xhi[i] = Number(v >> 32n);
    }
    ctx.spEl0 = childSp !== null && childSp !== 0n ? childSp : regs.get('sp');
    ctx.nzcv = Number(regs.get('pstate') >> 28n) & 0xf;
    ctx.fsBase = tls;
    return ctx;
  }

  startImage(task: Task, entry: number, sp: number, root: number): void {
    const regs = this.trapFrame(task);
    for (let i = 0; i < 31; i++) regs.setX(i, 0n);
    regs.set('pc', u64(entry));
    regs.set('sp', u64(sp));
    regs.set('pstate', L.PSTATE_EL0T);
    this.cpu.setSysreg('TTBR0_EL1', BigInt(root));
    this.cpu.setSysreg('TPIDR_EL0', 0n);
  }

  inUserMode(): boolean {
    return this.cpu.el === 0;
  }

  pc(): number {
    return this.cpu.pc;
  }

  retryHookOnResume(label: string): void {
    this.retryLabel = label;
  }

  /** The generic timer's interrupt, taken between instructions through VBAR_EL1 + 0x480. */
  deliverTimer(): void {
    takeException(this.cpu, 0, 0, this.cpu.pc, null, true);
  }

  setCounterSource(cycles: () => number): void {
    this.cpu.counter = () => BigInt(Math.floor(cycles()));
  }

  /** The AArch64 interpreter decodes every fetch afresh: nothing to invalidate. */
  watchCodeWrites(mm: AddressSpace): void {
    void mm;
  }

  mapSignalTrampoline(mm: AddressSpace): void {
    void mm; // __kernel_rt_sigreturn is part of the [vdso] image exec maps on both architectures
  }

  setupSignalFrame(task: Task, mm: AddressSpace, info: PendingSignal, handler: bigint, restorer: bigint | null, oldMask: bigint, stack: SignalStack): boolean {
    const fault = info.addr !== null && info.code > 0 ? info.addr : 0n;
    const trampoline = restorer ?? sigtrampAddress(mm);
    if (trampoline === null) return false;
    return setupArm64Frame(this.trapFrame(task), mm, info, handler, trampoline, oldMask, fault, stack);
  }

  restoreSignalFrame(task: Task, mm: AddressSpace): RestoredFrame | null {
    return restoreArm64Frame(this.trapFrame(task), mm);
  }
}
