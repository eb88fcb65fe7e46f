// The x86-64 CPU: architectural state, operand access and the run loop.
// Registers live as int32 halves (lo/hi) so no bigint is on the hot path; bigint only
// appears on the public getReg/setReg/msr API. Decoded instructions are cached per
// physical frame and invalidated when that frame is written (self-modifying code).

import type { PhysicalMemory } from '../../mm/phys-memory.js';
import { X86Fault, VEC_GP } from '../../mm/x86-64/fault.js';
import type { Inst } from './inst.js';
import { IF, RIP_BASE, RSP } from './registers.js';
import { deliverInterrupt } from './interrupts.js';
import { X86CpuState, type StopReason } from './cpu-state.js';
import { disassembleVirt, type DisassembledLine } from './disassembler.js';
import { runLoop } from './run-loop.js';

export { disassemble } from './disassembler.js';

export type { StopReason, KernelHook, CpuStats } from './cpu-state.js';

const TWO32 = 4294967296;
export const BUDGET: StopReason = { kind: 'budget' };
/** Thrown (never escapes run) by requestStop. */
export const STOP = { stop: true };

export class X86Cpu extends X86CpuState {
  constructor(mem: PhysicalMemory) {
    super(mem);
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
    if (i.addr32) a = ((a % TWO32) + TWO32) % TWO32;
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

  // RSP moves by 8 on its int32 halves (borrow/carry by hand) and the MMU translates
  // from them: cheaper than going through a double, and the kernel's entry code alone
  // is 36 pushes and pops per syscall. RSP changes only after the access succeeded.
  push64(lo: number, hi: number): void {
    const L = this.lo;
    const H = this.hi;
    const l = L[RSP]!;
    const nl = (l - 8) | 0;
    const nh = l >>> 0 < 8 ? (H[RSP]! - 1) | 0 : H[RSP]!;
    this.mmu.write64At(nh, nl, lo, hi);
    H[RSP] = nh;
    L[RSP] = nl;
  }

  /** Pops 64 bits; low half returned, high half in eh. */
  pop64(): number {
    const L = this.lo;
    const l = L[RSP]!;
    const v = this.mmu.read64At(this.hi[RSP]!, l);
    this.eh = this.mmu.hi;
    if (l >>> 0 >= 0xfffffff8) this.hi[RSP] = (this.hi[RSP]! + 1) | 0;
    L[RSP] = (l + 8) | 0;
    return v;
  }

  /** objdump-style disassembly of `count` instructions at `addr`, read through the MMU (no side effects). */
  disassembleAt(addr: number, count: number): DisassembledLine[] {
    return disassembleVirt(this, addr, count);
  }

  // ---- run loop ----

  step(): StopReason {
    return this.run(1);
  }

  /** Executes up to `budget` instructions (hook calls and delivered exceptions count too). */
  run(budget: number): StopReason {
    this.left = budget;
    return runLoop(this);
  }

  /** Instructions left in the current run (run-loop.ts). */
  left = 0;

  /** @internal run-loop.ts: account retired instructions and pass the reason through. */
  stopAt(done: number, r: StopReason): StopReason {
    this.stats.instructions += done;
    return r;
  }

  /**
   * Deliver an external (hardware) interrupt now, between instructions, as a timer or
   * device would: only when RFLAGS.IF is set (returns false otherwise), no gate DPL
   * check, no error code (SDM Vol 3A 6.8.1, 6.12.1). A StopReason comes back only if the
   * IDT cannot take it.
   */
  injectInterrupt(vector: number): boolean | StopReason {
    if ((this.sysFlags & IF) === 0) return false;
    this.instStart = this.rip;
    const s = deliverInterrupt(this, vector, 0, 0, false, this.rip);
    return s ?? true;
  }

  /** Handlers call this to end the run after the current instruction retires. */
  requestStop(r: StopReason): never {
    this.stop = r;
    throw STOP;
  }
}
