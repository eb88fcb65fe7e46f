// x86-64 glue between the CPU and the kernel: boot (page tables, entry code, IDT,
// MSRs), kernel stacks, saving and restoring a task's CPU context, and the hooks
// through which the guest entry code calls into the TypeScript kernel.

import { X86Cpu, type StopReason } from '../../arch/x86_64/cpu.js';
import { deliverInterrupt } from '../../arch/x86_64/interrupts.js';
import { assembleX86 } from '../../arch/x86_64/assembler/index.js';
import { PAGE_SIZE, type PhysicalMemory } from '../../mm/phys-memory.js';
import { mapPage, newPml4, unmapPage } from '../../mm/x86-64/page-table.js';
import { ENTRY_SOURCE, EXCEPTION_STUBS, HOOK_LABELS, PERCPU_KERNEL_STACK, PT_REGS_SIZE, type HookLabel } from './entry-source.js';
import * as L from './layout.js';
import { X86PagePort } from './page-port.js';
import { PtRegs } from './pt-regs.js';
import { restoreRtFrame, setupRtFrame } from './signal-frame.js';
import type { KernelArch, KernelStack, KernelText, RestoredFrame, SignalStack } from '../kernel-arch.js';
import { KernelStackArea, kernelImage, loadKernelText, type KernelImage } from '../kernel-image.js';
import type { AddressSpace } from '../mm/address-space.js';
import type { PendingSignal, SavedContext, Task } from '../task.js';
import { MINSIGSTKSZ } from '../syscalls/sigaltstack.js';

export interface X86Context {
  lo: Int32Array;
  hi: Int32Array;
  rip: number;
  rflags: number;
  cs: number;
  ss: number;
  fsBase: number;
  gsBase: bigint;
  kernelGsBase: bigint;
}

export type { KernelText } from '../kernel-arch.js';

/** x86-64 CPUID.1:EDX as a typical core reports it: the AT_HWCAP value Linux passes. */
const X86_HWCAP = 0x178bfbffn;

export type HookHandler = (label: HookLabel) => StopReason | void;

let cachedText: KernelImage | null = null;

/** Assemble the entry code once per worker. */
function entryImage(): KernelImage {
  cachedText ??= kernelImage(assembleX86(ENTRY_SOURCE, { fileName: 'entry_64.S' }), L.KERNEL_TEXT, 'kernel entry code');
  return cachedText;
}

export class X86Arch implements KernelArch {
  readonly name = 'x86_64' as const;
  readonly syscallEntrySymbols = ['entry_SYSCALL_64', 'entry_INT80_compat'] as const;
  readonly layout = L.X86_LAYOUT;
  readonly hwcap = X86_HWCAP;
  readonly platform = 'x86_64';
  // x86-64 has no kernel-provided trampoline: without sa_restorer the frame cannot return.
  readonly hasSigreturnTrampoline = false;
  // The System V ABI's 128-byte red zone below RSP (get_sigframe skips it).
  readonly signalRedZone = 128;
  readonly minSigStackSize = MINSIGSTKSZ;
  readonly cpu: X86Cpu;
  readonly port: X86PagePort;
  readonly kernelPml4: number;
  readonly text: KernelText;
  private percpuPa = 0;
  private readonly stacks: KernelStackArea;

  constructor(
    readonly mem: PhysicalMemory,
    onHook: HookHandler,
  ) {
    this.cpu = new X86Cpu(mem);
    this.kernelPml4 = newPml4(mem);
    this.port = new X86PagePort(mem, this.cpu, this.kernelPml4);
    const stackLayout = { base: L.KERNEL_STACKS, size: L.KERNEL_STACK_SIZE, stride: L.KERNEL_STACK_STRIDE };
    this.stacks = new KernelStackArea(
      mem,
      stackLayout,
      (va, frame) => {
        mapPage(this.mem, this.kernelPml4, va, frame, { writable: true, user: false, noExec: true });
        this.cpu.mmu.invlpg(va);
      },
      (va) => {
        unmapPage(this.mem, this.kernelPml4, va);
        this.cpu.mmu.invlpg(va);
      },
    );
    const image = entryImage();
    this.text = { symbols: image.symbols, lines: image.lines, source: ENTRY_SOURCE };
    this.mapKernelText(image.bytes);
    this.mapKernelData();
    // The boot stack also creates the kernel-stack area's PML4 entry before any user
    // address space copies the kernel half, so later stacks are visible everywhere.
    this.setKernelStack(this.allocKernelStack().top);
    this.setUpCpu();
    for (const label of HOOK_LABELS) this.cpu.hooks.set(this.symbol(label), () => onHook(label));
  }

  symbol(name: string): number {
    const a = this.text.symbols.get(name);
    if (a === undefined) throw new Error(`kernel symbol ${name} is missing`);
    return a;
  }

  private mapKernelText(bytes: Uint8Array): void {
    loadKernelText(this.mem, bytes, L.KERNEL_TEXT, (va, frame) => mapPage(this.mem, this.kernelPml4, va, frame, { writable: false, user: false, noExec: false, global: true }));
  }

  private mapKernelData(): void {
    this.percpuPa = this.mem.allocFrame();
    mapPage(this.mem, this.kernelPml4, L.PERCPU, this.percpuPa, { writable: true, user: false, noExec: true, global: true });
    const idt = this.mem.allocFrame();
    mapPage(this.mem, this.kernelPml4, L.IDT_BASE, idt, { writable: false, user: false, noExec: true, global: true });
    const gate = (vector: number, handler: number, dpl: number) => {
      const v = this.mem.view;
      const off = idt + vector * 16;
      const h = BigInt.asUintN(64, BigInt(handler));
      const lo16 = Number(h & 0xffffn);
      const mid16 = Number((h >> 16n) & 0xffffn);
      v.setUint32(off, (L.KERNEL_CS << 16) | lo16, true);
      v.setUint32(off + 4, ((mid16 << 16) | (1 << 15) | (dpl << 13) | (0xe << 8)) >>> 0, true);
      v.setUint32(off + 8, Number(h >> 32n), true);
      v.setUint32(off + 12, 0, true);
    };
    for (const stub of EXCEPTION_STUBS) gate(stub.vector, this.symbol(stub.label), stub.vector === 3 ? 3 : 0);
    gate(L.TIMER_VECTOR, this.symbol('asm_sysvec_apic_timer_interrupt'), 0);
    gate(L.INT80_VECTOR, this.symbol('entry_INT80_compat'), 3);
  }

  private setUpCpu(): void {
    const cpu = this.cpu;
    cpu.cr3 = this.kernelPml4;
    cpu.cs = L.KERNEL_CS;
    cpu.ss = L.KERNEL_DS;
    cpu.setMsr(L.MSR_EFER, L.EFER_SCE | L.EFER_LME | L.EFER_LMA | L.EFER_NXE);
    cpu.setMsr(L.MSR_STAR, (BigInt(L.USER32_CS) << 48n) | (BigInt(L.KERNEL_CS) << 32n));
    cpu.setMsr(L.MSR_LSTAR, L.addrToU64(this.symbol('entry_SYSCALL_64')));
    cpu.setMsr(L.MSR_FMASK, L.SYSCALL_FMASK);
    cpu.setMsr(L.MSR_KERNEL_GS_BASE, L.addrToU64(L.PERCPU));
    cpu.syncPagingControls();
    cpu.idtrBase = L.IDT_BASE;
    cpu.idtrLimit = 256 * 16 - 1;
  }

  /** A 16 KiB kernel stack in the vmalloc area, with an unmapped guard gap below. */
  allocKernelStack(): KernelStack {
    return this.stacks.alloc();
  }

  freeKernelStack(slot: number, frames: number[]): void {
    this.stacks.free(slot, frames);
  }

  /** task_pt_regs(): the top PT_REGS_SIZE bytes of the task's kernel stack. */
  ptRegs(stackFrames: number[]): PtRegs {
    const topFrame = stackFrames[stackFrames.length - 1]!;
    return new PtRegs(this.mem, topFrame + PAGE_SIZE - PT_REGS_SIZE);
  }

  /** Make `stackTop` the stack the next kernel entry uses (per-CPU area and TSS.RSP0). */
  setKernelStack(stackTop: number): void {
    this.mem.view.setBigUint64(this.percpuPa + PERCPU_KERNEL_STACK, L.addrToU64(stackTop), true);
    this.cpu.tssRsp0 = stackTop;
  }

  saveContext(): X86Context {
    const cpu = this.cpu;
    return {
      lo: cpu.lo.slice(),
      hi: cpu.hi.slice(),
      rip: cpu.rip,
      rflags: cpu.getRflags(),
      cs: cpu.cs,
      ss: cpu.ss,
      fsBase: cpu.msrs.fsBase,
      gsBase: cpu.msr(L.MSR_GS_BASE),
      kernelGsBase: cpu.msr(L.MSR_KERNEL_GS_BASE),
    };
  }

  currentRoot(): number {
    return this.cpu.cr3;
  }

  restoreContext(saved: SavedContext, root: number): void {
    const ctx = saved as X86Context;
    const cpu = this.cpu;
    cpu.lo.set(ctx.lo);
    cpu.hi.set(ctx.hi);
    cpu.rip = ctx.rip;
    cpu.setRflags(ctx.rflags);
    cpu.cs = ctx.cs;
    cpu.ss = ctx.ss;
    cpu.setMsr(L.MSR_FS_BASE, BigInt.asUintN(64, BigInt(ctx.fsBase)));
    cpu.setMsr(L.MSR_GS_BASE, ctx.gsBase);
    cpu.setMsr(L.MSR_KERNEL_GS_BASE, ctx.kernelGsBase);
    if (cpu.cr3 !== root) cpu.cr3 = root;
  }

  /** The register state a new program starts with (ELF ABI: zeroed registers, RSP at argc). */
  userEntryContext(entry: number, sp: number): X86Context {
    const hi = new Int32Array(16);
    const lo = new Int32Array(16);
    const h = Math.floor(sp / 4294967296);
    lo[4] = (sp - h * 4294967296) | 0;
    hi[4] = h;
    return { lo, hi, rip: entry, rflags: 0x202, cs: L.USER_CS, ss: L.USER_DS, fsBase: 0, gsBase: 0n, kernelGsBase: L.addrToU64(L.PERCPU) };
  }

  /** fork/clone: the child resumes in user mode where the parent called, with RAX = 0. */
  childContext(task: Task, childSp: bigint | null, fsBase: number): X86Context {
    const parent = this.ptRegs(task.kernelStackFrames);
    const names = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'] as const;
    const lo = new Int32Array(16);
    const hi = new Int32Array(16);
    names.forEach((n, i) => {
      let v = parent.get(n);
      if (n === 'rax') v = 0n;
      if (n === 'rsp' && childSp !== null && childSp !== 0n) v = childSp;
      lo[i] = Number(v & 0xffffffffn) | 0;
      hi[i] = Number(v >> 32n) | 0;
    });
    return {
      lo,
      hi,
      rip: Number(BigInt.asIntN(64, parent.get('rip'))),
      rflags: Number(parent.get('eflags')),
      cs: L.USER_CS,
      ss: L.USER_DS,
      fsBase,
      gsBase: 0n,
      kernelGsBase: L.addrToU64(L.PERCPU),
    };
  }

  /** Make a blocked hook run again when this task next runs (the syscall is retried). */
  retryHookOnResume(label: string): void {
    const a = BigInt.asUintN(64, BigInt(this.symbol(label)));
    this.cpu.push64(Number(a & 0xffffffffn) | 0, Number(a >> 32n) | 0);
  }

  /** The timer interrupt arrives between instructions, through IDT vector 0x20. */
  deliverTimer(): void {
    deliverInterrupt(this.cpu, L.TIMER_VECTOR, 0, 0, false, this.cpu.rip);
  }

  /** The hook's C return value in RAX (a small non-negative int). */
  setHookReturn(value: number): void {
    this.cpu.lo[0] = value;
    this.cpu.hi[0] = 0;
  }

  setTls(value: number): void {
    this.cpu.setMsr(L.MSR_FS_BASE, BigInt.asUintN(64, BigInt(value)));
  }

  userTls(): number {
    return this.cpu.msrs.fsBase;
  }

  /** execve: fresh user registers in pt_regs, the new page tables live (start_thread). */
  startImage(task: Task, entry: number, sp: number, root: number): void {
    const regs = this.ptRegs(task.kernelStackFrames);
    for (const r of ['r15', 'r14', 'r13', 'r12', 'rbp', 'rbx', 'r11', 'r10', 'r9', 'r8', 'rax', 'rcx', 'rdx', 'rsi', 'rdi'] as const) regs.set(r, 0n);
    regs.set('rip', BigInt(entry));
    regs.set('rsp', BigInt(sp));
    regs.set('eflags', 0x202n);
    regs.set('cs', BigInt(L.USER_CS));
    regs.set('ss', BigInt(L.USER_DS));
    this.cpu.cr3 = root;
    this.cpu.setMsr(L.MSR_FS_BASE, 0n);
  }

  trapFrame(task: Task): PtRegs {
    return this.ptRegs(task.kernelStackFrames);
  }

  inUserMode(): boolean {
    return this.cpu.cpl === 3;
  }

  pc(): number {
    return this.cpu.rip;
  }

  setCounterSource(cycles: () => number): void {
    this.cpu.tscSource = cycles;
  }

  watchCodeWrites(mm: AddressSpace): void {
    const mmu = this.cpu.mmu;
    mm.onFrameWrite = (frame) => {
      const n = frame / 4096;
      if (mmu.codeFrames[n] !== 0) mmu.onCodeWrite(n);
    };
  }

  mapSignalTrampoline(mm: AddressSpace): void {
    void mm; // the vDSO has no sigreturn trampoline on x86-64: handlers need SA_RESTORER
  }

  setupSignalFrame(task: Task, mm: AddressSpace, info: PendingSignal, handler: bigint, restorer: bigint | null, oldMask: bigint, stack: SignalStack): boolean {
    return setupRtFrame(this.ptRegs(task.kernelStackFrames), mm, info, handler, restorer ?? 0n, oldMask, 0, 0n, stack);
  }

  restoreSignalFrame(task: Task, mm: AddressSpace): RestoredFrame | null {
    const r = restoreRtFrame(this.ptRegs(task.kernelStackFrames), mm);
    return r ? { mask: r.mask, ret: r.rax, ucStack: r.ucStack } : null;
  }
}
