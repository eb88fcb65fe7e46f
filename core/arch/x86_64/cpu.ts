// The x86-64 CPU: architectural state, operand access and the run loop.
// Registers live as int32 halves (lo/hi) so no bigint is on the hot path; bigint only
// appears on the public getReg/setReg/msr API. Decoded instructions are cached per
// physical frame and invalidated when that frame is written (self-modifying code).

import type { PhysicalMemory } from '../../mm/phys-memory.js';
import { X86Mmu } from '../../mm/x86-64/mmu.js';
import { X86Fault, VEC_GP } from '../../mm/x86-64/fault.js';
import { LazyFlags } from './alu-flags.js';
import { Inst } from './inst.js';
import { RIP_BASE, RSP, FIXED1, STATUS_FLAGS, RFLAGS_WRITABLE, CR0_WP, EFER_NXE } from './registers.js';
import { MsrFile } from './msr-file.js';
import { deliverInterrupt } from './interrupts.js';
import { fetchDecode, type CodeCache } from './fetch.js';
import { disassembleInst } from './disassembler.js';
import { decode } from './decoder.js';

export { disassemble } from './disassembler.js';

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
const BUDGET: StopReason = { kind: 'budget' };
/** Thrown (never escapes run) by requestStop. */
const STOP = { stop: true };

export class X86Cpu {
  readonly mmu: X86Mmu;
  /** General registers as int32 halves, encoding order RAX..R15. */
  readonly lo = new Int32Array(16);
  readonly hi = new Int32Array(16);
  /** XMM0..15 as four int32 lanes each (lane 0 least significant). */
  readonly xmm = new Int32Array(64);
  rip = 0;
  readonly fl = new LazyFlags();
  /** RFLAGS bits other than the six status flags. */
  sysFlags = FIXED1;
  private csSel = 0x08;
  ss = 0x10;
  private cplNow: 0 | 3 = 0;
  private cr0Now = 0x80050033;
  cr2 = 0;
  cr4 = 0x20;
  readonly msrs: MsrFile;
  idtrBase = 0;
  idtrLimit = 0;
  /** RSP loaded on a CPL3→0 interrupt (TSS.RSP0, SDM Vol 3A 6.14.2). */
  tssRsp0 = 0;
  /** Interrupt stack table entries 1..7 (index 0 unused). */
  readonly tssIst: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  readonly hooks = new Map<number, KernelHook>();
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
    this.mmu = new X86Mmu(mem);
    this.msrs = new MsrFile(this);
    this.code = { frame: -1, pages: [] };
    this.mmu.onCodeWrite = (frameNo) => this.invalidateCode(frameNo);
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
      this.codeBase = NaN;
    }
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

  // ---- operand access used by handlers ----

  getR(size: number, r: number): number {
    switch (size) {
      case 1:
        return r < 16 ? this.lo[r]! & 0xff : (this.lo[r - 16]! >> 8) & 0xff;
      case 2:
        return this.lo[r]! & 0xffff;
      case 4:
        return this.lo[r]! >>> 0;
      default:
        this.eh = this.hi[r]!;
        return this.lo[r]!;
    }
  }

  /** Write a register; 32-bit writes zero the upper half (SDM Vol 1 3.4.1.1). */
  setR(size: number, r: number, v: number, vh: number): void {
    const lo = this.lo;
    switch (size) {
      case 1:
        if (r < 16) lo[r] = (lo[r]! & ~0xff) | (v & 0xff);
        else lo[r - 16] = (lo[r - 16]! & ~0xff00) | ((v & 0xff) << 8);
        return;
      case 2:
        lo[r] = (lo[r]! & ~0xffff) | (v & 0xffff);
        return;
      case 4:
        lo[r] = v;
        this.hi[r] = 0;
        return;
      default:
        lo[r] = v;
        this.hi[r] = vh;
    }
  }

  /** Effective address of the memory operand (segment base included). */
  ea(i: Inst): number {
    let a = i.disp;
    const b = i.base;
    if (b === RIP_BASE) a += this.rip;
    else if (b >= 0) {
      const h = this.hi[b]!;
      if (h > 0x1fffff || h < -0x200000) return this.eaSlow(i);
      a += h * TWO32 + (this.lo[b]! >>> 0);
    }
    const x = i.index;
    if (x >= 0) {
      const h = this.hi[x]!;
      if (h > 0x1fffff || h < -0x200000) return this.eaSlow(i);
      a += (h * TWO32 + (this.lo[x]! >>> 0)) * (1 << i.scale);
    }
    if (i.addr32) a = a < 0 ? (a % TWO32) + TWO32 : a % TWO32;
    if (i.seg !== 0) a += i.seg === 0x64 ? this.msrs.fsBase : this.msrs.gsBase;
    return a;
  }

  /** Exact 64-bit address arithmetic for huge register values; non-canonical → #GP(0). */
  private eaSlow(i: Inst): number {
    let a = BigInt(i.disp);
    if (i.base === RIP_BASE) a += BigInt(this.rip);
    else if (i.base >= 0) a += this.getReg(i.base);
    if (i.index >= 0) a += this.getReg(i.index) << BigInt(i.scale);
    a = i.addr32 ? BigInt.asUintN(32, a) : BigInt.asIntN(64, a);
    if (i.seg !== 0) a = BigInt.asIntN(64, a + BigInt(i.seg === 0x64 ? this.msrs.fsBase : this.msrs.gsBase));
    if (a < -0x800000000000n || a >= 0x800000000000n) throw new X86Fault(VEC_GP, 0);
    return Number(a);
  }

  rdM(size: number, va: number): number {
    const m = this.mmu;
    switch (size) {
      case 1:
        return m.read8(va);
      case 2:
        return m.read16(va);
      case 4:
        return m.read32(va) >>> 0;
      default: {
        const l = m.read64(va);
        this.eh = m.hi;
        return l;
      }
    }
  }

  wrM(size: number, va: number, v: number, vh: number): void {
    const m = this.mmu;
    switch (size) {
      case 1:
        m.write8(va, v);
        return;
      case 2:
        m.write16(va, v);
        return;
      case 4:
        m.write32(va, v);
        return;
      default:
        m.write64(va, v, vh);
    }
  }

  /** Read the r/m operand at the instruction's operand size. */
  rdE(i: Inst): number {
    if (i.rm >= 0) return this.getR(i.size, i.rm);
    const va = this.ea(i);
    this.lastEa = va;
    return this.rdM(i.size, va);
  }

  /** Read the r/m operand of a read-modify-write: the write is checked first so faults stay precise. */
  rdEw(i: Inst): number {
    if (i.rm >= 0) return this.getR(i.size, i.rm);
    const va = this.ea(i);
    this.lastEa = va;
    this.mmu.checkWrite(va, i.size);
    return this.rdM(i.size, va);
  }

  /** Write back to the r/m operand read by rdE/rdEw. */
  wbE(i: Inst, v: number, vh: number): void {
    if (i.rm >= 0) this.setR(i.size, i.rm, v, vh);
    else this.wrM(i.size, this.lastEa, v, vh);
  }

  /** Store to the r/m operand without reading it. */
  wrE(i: Inst, v: number, vh: number): void {
    if (i.rm >= 0) this.setR(i.size, i.rm, v, vh);
    else this.wrM(i.size, this.ea(i), v, vh);
  }

  push64(lo: number, hi: number): void {
    const sp = this.regNum(RSP) - 8;
    this.mmu.write64(sp, lo, hi);
    this.setRegNum(RSP, sp);
  }

  /** Pops 64 bits; low half returned, high half in eh. */
  pop64(): number {
    const sp = this.regNum(RSP);
    const l = this.mmu.read64(sp);
    this.eh = this.mmu.hi;
    this.setRegNum(RSP, sp + 8);
    return l;
  }

  // ---- code cache ----

  private invalidateCode(frameNo: number): void {
    this.code.pages[frameNo] = undefined;
    this.mmu.codeFrames[frameNo] = 0;
    if (this.code.frame === frameNo * 4096) this.codeBase = NaN;
  }

  /** objdump-style disassembly of `count` instructions at `addr`, read through the MMU (no side effects). */
  disassembleAt(addr: number, count: number): { addr: number; bytes: Uint8Array; length: number; text: string }[] {
    const out: { addr: number; bytes: Uint8Array; length: number; text: string }[] = [];
    let a = addr;
    for (let k = 0; k < count; k++) {
      const buf = new Uint8Array(15);
      let n = 0;
      for (; n < 15; n++) {
        const pa = this.mmu.probe(a + n, 0, false);
        if (typeof pa !== 'number') break;
        buf[n] = this.mem.bytes[pa]!;
      }
      if (n === 0) break;
      const inst = decode(buf, 0, n);
      const len = inst === null ? 1 : inst.len;
      out.push({ addr: a, bytes: buf.slice(0, len), length: len, text: inst === null ? '(bad)' : disassembleInst(inst, a) });
      a += len;
    }
    return out;
  }

  // ---- run loop ----

  step(): StopReason {
    return this.run(1);
  }

  /** Executes up to `budget` instructions (hook calls and delivered exceptions count too). */
  run(budget: number): StopReason {
    this.left = budget;
    const r = this.loop();
    return r;
  }

  /** Instructions left in the current run (handlers that stop the run zero it). */
  private left = 0;

  private loop(): StopReason {
    let first = true;
    let cur = this.rip;
    for (;;) {
      let left = this.left;
      let done = 0;
      try {
        const checkHooks = this.hooks.size !== 0;
        const checkBp = this.breakpoints.size !== 0;
        for (;;) {
          if (done >= left) {
            this.stats.instructions += done;
            return BUDGET;
          }
          const rip = this.rip;
          if (checkHooks && this.cpl === 0) {
            const hook = this.hooks.get(rip);
            if (hook !== undefined) {
              if (!first && checkBp && this.breakpoints.has(rip)) return this.stopAt(done, { kind: 'breakpoint', addr: rip });
              first = false;
              cur = rip;
              const r = hook(this);
              this.codeBase = NaN;
              const retLo = this.pop64();
              this.rip = this.eh * TWO32 + (retLo >>> 0);
              left--;
              if (r !== undefined) return this.stopAt(done, r);
              continue;
            }
          }
          if (checkBp && !first && this.breakpoints.has(rip)) return this.stopAt(done, { kind: 'breakpoint', addr: rip });
          first = false;
          const off = rip - this.codeBase;
          let inst: Inst | undefined;
          if (off >= 0 && off < 4096) inst = this.codeInsts[off | 0];
          // cur first: a fault during fetch must report (and restart at) this RIP.
          cur = rip;
          if (inst === undefined) inst = fetchDecode(this, rip);
          this.rip = rip + inst.len;
          inst.exec(this, inst);
          done++;
        }
      } catch (e) {
        if (e === STOP) {
          // A handler (hlt, an undeliverable int n) ended the run after retiring.
          const s = this.stop!;
          this.stop = null;
          return this.stopAt(done + 1, s);
        }
        if (!(e instanceof X86Fault)) throw e;
        this.stats.instructions += done;
        this.left = left - done - 1;
        this.instStart = cur;
        this.rip = cur;
        const s = deliverInterrupt(this, e.vector, e.errorCode, e.addr, false, this.instStart);
        if (s !== null) return s;
        if (this.left <= 0) return BUDGET;
      }
    }
  }

  private stopAt(done: number, r: StopReason): StopReason {
    this.stats.instructions += done;
    return r;
  }

  /** Handlers call this to end the run after the current instruction retires. */
  requestStop(r: StopReason): never {
    this.stop = r;
    throw STOP;
  }
}
