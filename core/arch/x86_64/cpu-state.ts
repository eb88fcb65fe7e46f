// Architectural state of the x86-64 CPU and its public (bigint) API: registers,
// RFLAGS, selectors and CPL, control registers, MSRs, IDTR/TSS fields, hooks,
// breakpoints and counters. X86Cpu (cpu.ts) adds operand access and the run loop.

import type { PhysicalMemory } from '../../mm/phys-memory.js';
import { X86Mmu } from '../../mm/x86-64/mmu.js';
import { LazyFlags } from './alu-flags.js';
import type { Inst } from './inst.js';
import { FIXED1, STATUS_FLAGS, RFLAGS_WRITABLE, CR0_WP, CR4_PGE, EFER_NXE } from './registers.js';
import { MsrFile } from './msr-file.js';
import { HookMap } from './hook-map.js';
import type { CodeCache } from './fetch.js';
import type { X86Cpu } from './cpu.js';

export type StopReason =
  | { kind: 'budget' }
  | { kind: 'hlt' }
  | { kind: 'breakpoint'; addr: number }
  | { kind: 'hook'; value: unknown }
  | { kind: 'exception'; vector: number; errorCode: number; addr: number };

export type KernelHook = (cpu: X86Cpu) => StopReason | void;

export interface CpuStats {
  instructions: number;
  modeSwitches: number;
  pageWalks: number;
  tlbHits: number;
  tlbMisses: number;
  tlbFlushes: number;
}

const TWO32 = 4294967296;

/** Where one privilege level was fetching (cpu-state.ts switchCodePage). */
class SavedCodePage {
  base = NaN;
  insts: (Inst | undefined)[] = [];
  frame = -1;
  flushes = -1;
}

export class X86CpuState {
  readonly mmu: X86Mmu;
  /** General registers as int32 halves, encoding order RAX..R15. */
  readonly lo = new Int32Array(16);
  readonly hi = new Int32Array(16);
  /** XMM0..15 as four int32 lanes each (lane 0 least significant). */
  readonly xmm = new Int32Array(64);
  // Starts as a non-integer so V8 keeps the field an unboxed double (see constructor).
  rip = 0.5;
  readonly fl = new LazyFlags();
  /** RFLAGS bits other than the six status flags. */
  sysFlags = FIXED1;
  private csSel = 0x08;
  ss = 0x10;
  private cplNow: 0 | 3 = 0;
  private cr0Now = 0x80050033;
  cr2 = 0;
  private cr4Now = 0x20;
  readonly msrs: MsrFile;
  idtrBase = 0;
  idtrLimit = 0;
  /** RSP loaded on a CPL3→0 interrupt (TSS.RSP0, SDM Vol 3A 6.14.2). */
  tssRsp0 = 0;
  /** Interrupt stack table entries 1..7 (index 0 unused). */
  readonly tssIst: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  readonly hooks = new HookMap();
  /** What rdtsc reads; the kernel supplies its cycle clock. Default: instructions retired. */
  tscSource: (() => number) | null = null;
  readonly breakpoints = new Set<number>();
  readonly stats: CpuStats;
  /** High half of the last 64-bit operand read (rdE/rdG/rdM with size 8). */
  eh = 0;
  /** Effective address of the last memory operand read. */
  lastEa = 0;
  /** Address of the faulting instruction while an exception is delivered. */
  instStart = 0;
  /** Set by a handler (hlt) to end the run after the current instruction. */
  stop: StopReason | null = null;
  readonly code: CodeCache;
  /** Virtual page base and decoded-instruction array the run loop is fetching from (NaN: none). */
  codeBase = NaN;
  codeInsts: (Inst | undefined)[] = [];

  constructor(readonly mem: PhysicalMemory) {
    // V8 gives a field the representation of the first value stored in it. RIP holds
    // kernel-half addresses beyond the small-integer range, and a field that began as a
    // small integer is generalised so that every later store boxes a new number: a
    // measurable cost per instruction. Initialised as a double above, it stays one.
    this.rip = 0;
    this.mmu = new X86Mmu(mem);
    this.msrs = new MsrFile(this);
    // Sized up front: assigning far past the end of an empty array makes V8 switch it to
    // a hash table, and the fetch after every mode switch or hook looks a page up here.
    this.code = { frame: -1, pages: new Array<(Inst | undefined)[] | undefined>(Math.ceil(mem.maxBytes / 4096)) };
    this.mmu.onCodeWrite = (frameNo) => this.invalidateCode(frameNo);
    // Decoded instructions carry their hook (fetch.ts): re-decode after hooks change.
    this.hooks.onChange = () => this.invalidateAllCode();
    const mmu = this.mmu;
    const tlb = mmu.tlb;
    this.stats = {
      instructions: 0,
      modeSwitches: 0,
      get pageWalks() {
        return mmu.pageWalks;
      },
      get tlbHits() {
        return tlb.hits;
      },
      get tlbMisses() {
        return tlb.misses;
      },
      get tlbFlushes() {
        return tlb.flushes;
      },
    } as CpuStats;
  }

  // ---- public register API (bigint, off the hot path) ----

  getReg(i: number): bigint {
    return (BigInt(this.hi[i]! >>> 0) << 32n) | BigInt(this.lo[i]! >>> 0);
  }

  setReg(i: number, v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.lo[i] = Number(u & 0xffffffffn) | 0;
    this.hi[i] = Number(u >> 32n) | 0;
  }

  /** A register as a signed number (exact for canonical addresses). */
  regNum(i: number): number {
    return this.hi[i]! * TWO32 + (this.lo[i]! >>> 0);
  }

  setRegNum(i: number, v: number): void {
    const h = Math.floor(v / TWO32);
    this.lo[i] = (v - h * TWO32) | 0;
    this.hi[i] = h | 0;
  }

  getRflags(): number {
    return (this.sysFlags & ~STATUS_FLAGS) | this.fl.get() | FIXED1;
  }

  setRflags(v: number): void {
    this.sysFlags = (v & RFLAGS_WRITABLE & ~STATUS_FLAGS) | FIXED1;
    this.fl.set(v & STATUS_FLAGS);
  }

  get cs(): number {
    return this.csSel;
  }

  /** Current privilege level, derived from the CS selector's RPL (no GDT is modelled). */
  get cpl(): 0 | 3 {
    return this.cplNow;
  }

  /** CR0; writes keep CR0.WP in step with the MMU and flush the TLB. */
  get cr0(): number {
    return this.cr0Now;
  }

  /** CR4; writes resync CR4.PGE and flush the TLB, global entries included. */
  get cr4(): number {
    return this.cr4Now;
  }

  set cr4(v: number) {
    this.cr4Now = v >>> 0;
    this.syncPagingControls();
  }

  set cr0(v: number) {
    this.cr0Now = v >>> 0;
    this.syncPagingControls();
  }

  set cs(sel: number) {
    this.csSel = sel;
    const cpl = (sel & 3) === 0 ? 0 : 3;
    if (cpl !== this.cplNow) {
      this.cplNow = cpl;
      this.stats.modeSwitches++;
      this.mmu.setUser(cpl === 3);
      this.switchCodePage(cpl);
    }
  }

  // The code page each privilege level last fetched from (CPL 0, CPL 3), so the fetch
  // after SYSCALL or SYSRET can continue where that level left off without a new
  // translation. Valid only while the TLB has not been flushed since (tlb.flushes: CR3
  // writes, INVLPG and paging-control changes all count) and the page's decoded
  // instructions still stand.
  private readonly kernelPage = new SavedCodePage();
  private readonly userPage = new SavedCodePage();

  private switchCodePage(cpl: 0 | 3): void {
    const flushes = this.mmu.tlb.flushes;
    const code = this.code;
    const from = cpl === 3 ? this.kernelPage : this.userPage;
    const to = cpl === 3 ? this.userPage : this.kernelPage;
    from.base = this.codeBase;
    from.insts = this.codeInsts;
    from.frame = code.frame;
    from.flushes = flushes;
    if (to.flushes === flushes && code.pages[to.frame / 4096] === to.insts) {
      this.codeBase = to.base;
      this.codeInsts = to.insts;
      code.frame = to.frame;
    } else this.codeBase = NaN;
  }

  get cr3(): number {
    return this.mmu.cr3;
  }

  set cr3(v: number) {
    this.mmu.setCr3(v);
    this.codeBase = NaN;
  }

  /** Keep derived MMU controls in step with CR0.WP and EFER.NXE. */
  syncPagingControls(): void {
    this.mmu.wp = (this.cr0 & CR0_WP) !== 0;
    this.mmu.nxe = (Number(this.msrs.efer) & EFER_NXE) !== 0;
    this.mmu.pge = (this.cr4 & CR4_PGE) !== 0;
    this.mmu.tlb.flushAll();
    this.codeBase = NaN;
  }

  msr(index: number): bigint {
    return this.msrs.read(index) ?? 0n;
  }

  setMsr(index: number, v: bigint): void {
    this.msrs.write(index, v);
  }

  flushTlb(): void {
    this.mmu.tlb.flushAll();
    this.codeBase = NaN;
  }

  // ---- code cache ----

  private invalidateAllCode(): void {
    this.code.pages.fill(undefined);
    this.mmu.codeFrames.fill(0);
    this.codeBase = NaN;
  }

  protected invalidateCode(frameNo: number): void {
    this.code.pages[frameNo] = undefined;
    this.mmu.codeFrames[frameNo] = 0;
    if (this.code.frame === frameNo * 4096) this.codeBase = NaN;
  }
}
