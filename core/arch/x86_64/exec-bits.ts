// Bit and atomic-style instructions: bt/bts/btr/btc, bsf/bsr, bswap, cmpxchg, xadd,
// stc/clc/cmc (SDM Vol 2A/2B). A single CPU needs no real locking: `lock` only
// documents atomicity here.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { ALU_ADD, ALU_CMP } from './alu-flags.js';
import { CF, RAX, ZF } from './registers.js';

/** bt family. op: bit 0 = immediate source, bits 1-2 = 0 bt, 1 bts, 2 btr, 3 btc. */
export function btFamily(cpu: X86Cpu, i: Inst): void {
  const bits = i.size * 8;
  const kind = i.op >> 1;
  let va = -1;
  let off: number;
  if ((i.op & 1) === 1) off = i.imm & (bits - 1);
  else {
    const g = cpu.getR(i.size, i.reg);
    if (i.rm >= 0) off = g & (bits - 1);
    else {
      // A register offset addresses memory beyond the operand (SDM Vol 2A BT).
      const signed = i.size === 8 ? cpu.hi[i.reg]! * 4294967296 + (g >>> 0) : i.size === 4 ? g | 0 : (g << 16) >> 16;
      const unit = Math.floor(signed / bits);
      va = cpu.ea(i) + unit * i.size;
      off = signed - unit * bits;
    }
  }
  if (i.rm < 0 && va === -1) va = cpu.ea(i);
  if (kind !== 0 && i.rm < 0) cpu.mmu.checkWrite(va, i.size);
  let lo = i.rm >= 0 ? cpu.getR(i.size, i.rm) : cpu.rdM(i.size, va);
  let hi = cpu.eh;
  const bit = off < 32 ? (lo >>> off) & 1 : (hi >>> (off - 32)) & 1;
  cpu.fl.setCf(bit);
  if (kind === 0) return;
  const m = off < 32 ? 1 << off : 1 << (off - 32);
  const apply = (v: number): number => (kind === 1 ? v | m : kind === 2 ? v & ~m : v ^ m);
  if (off < 32) lo = apply(lo);
  else hi = apply(hi);
  if (i.rm >= 0) cpu.setR(i.size, i.rm, lo, hi);
  else cpu.wrM(i.size, va, lo, hi);
}

/** bsf (op 0) / bsr (op 1): ZF=1 and the destination unchanged when the source is 0. */
export function bitScan(cpu: X86Cpu, i: Inst): void {
  const lo = cpu.rdE(i) >>> 0;
  const hi = i.size === 8 ? cpu.eh >>> 0 : 0;
  const flags = cpu.getRflags();
  if (lo === 0 && hi === 0) {
    cpu.fl.set((flags & 0x8d5) | ZF);
    return;
  }
  let idx: number;
  if (i.op === 0) idx = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + 31 - Math.clz32(hi & -hi);
  else idx = hi !== 0 ? 63 - Math.clz32(hi) : 31 - Math.clz32(lo);
  cpu.fl.set(flags & 0x8d5 & ~ZF);
  cpu.setR(i.size, i.reg, idx, 0);
}

/** bswap r32/r64 */
export function bswap(cpu: X86Cpu, i: Inst): void {
  const sw = (v: number): number => ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
  const r = i.reg;
  if (i.size === 8) {
    const lo = cpu.lo[r]!;
    cpu.lo[r] = sw(cpu.hi[r]!);
    cpu.hi[r] = sw(lo);
  } else cpu.setR(4, r, sw(cpu.lo[r]!), 0);
}

/** cmpxchg E, G: compare accumulator with E; equal → E = G, else accumulator = E. */
export function cmpxchg(cpu: X86Cpu, i: Inst): void {
  const size = i.size;
  const e = cpu.rdEw(i);
  const eh = cpu.eh;
  const a = cpu.getR(size, RAX);
  const ah = cpu.eh;
  if (size === 8) cpu.fl.alu64(ALU_CMP, a, ah, e, eh);
  else cpu.fl.alu(ALU_CMP, a, e, size);
  if (cpu.fl.zf()) {
    const g = cpu.getR(size, i.reg);
    cpu.wbE(i, g, cpu.eh);
  } else {
    // Memory is written back unchanged (the locked cycle always writes); a register
    // destination is left alone, upper half included (as the host CPU does).
    if (i.rm < 0) cpu.wbE(i, e, eh);
    cpu.setR(size, RAX, e, eh);
  }
}

/** xadd E, G: E = E + G, G = old E; flags of the addition. */
export function xadd(cpu: X86Cpu, i: Inst): void {
  const size = i.size;
  const e = cpu.rdEw(i);
  const eh = cpu.eh;
  const g = cpu.getR(size, i.reg);
  const gh = cpu.eh;
  if (size === 8) {
    const r = cpu.fl.alu64(ALU_ADD, e, eh, g, gh);
    const rh = cpu.fl.outHi;
    cpu.setR(8, i.reg, e, eh);
    cpu.wbE(i, r, rh);
  } else {
    const r = cpu.fl.alu(ALU_ADD, e, g, size);
    cpu.setR(size, i.reg, e, 0);
    cpu.wbE(i, r, 0);
  }
}

export function stc(cpu: X86Cpu): void {
  cpu.fl.setCf(1);
}

export function clc(cpu: X86Cpu): void {
  cpu.fl.setCf(0);
}

export function cmc(cpu: X86Cpu): void {
  cpu.fl.setCf((cpu.getRflags() & CF) ^ 1);
}

function sizedValue(cpu: X86Cpu, i: Inst): { lo: number; hi: number } {
  const lo = cpu.rdE(i) >>> 0;
  return { lo, hi: i.size === 8 ? cpu.eh >>> 0 : 0 };
}

/** tzcnt (op 0) / lzcnt (op 1): count of zero bits; CF = source was 0, ZF = result is 0 (BMI1/ABM). */
export function zeroCount(cpu: X86Cpu, i: Inst): void {
  const { lo, hi } = sizedValue(cpu, i);
  const bits = i.size * 8;
  let n: number;
  if (i.op === 0) {
    if (lo !== 0) n = 31 - Math.clz32(lo & -lo);
    else if (hi !== 0) n = 32 + 31 - Math.clz32(hi & -hi);
    else n = bits;
    if (n > bits) n = bits;
  } else if (i.size === 8) n = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
  else n = Math.clz32(lo) - (32 - bits);
  const flags = cpu.getRflags() & 0x8d5 & ~(CF | ZF);
  cpu.fl.set(flags | ((lo | hi) === 0 ? CF : 0) | (n === 0 ? ZF : 0));
  cpu.setR(i.size, i.reg, n, 0);
}

/** popcnt: ZF = source was 0, the other status flags cleared. */
export function popcnt(cpu: X86Cpu, i: Inst): void {
  const { lo, hi } = sizedValue(cpu, i);
  const pc = (v: number): number => {
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  };
  const n = pc(lo) + pc(hi);
  cpu.fl.set(n === 0 ? ZF : 0);
  cpu.setR(i.size, i.reg, n, 0);
}
