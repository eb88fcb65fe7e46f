// mul/imul/div/idiv and the sign-extension family (SDM Vol 2A/2B MUL, IMUL, DIV, IDIV,
// CBW/CWDE/CDQE, CWD/CDQ/CQO). Products are formed from 16-bit limbs so they are
// exact without bigint; only wide division falls back to bigint.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { X86Fault, VEC_DE } from '../../mm/x86-64/fault.js';
import { RAX, RDX } from './registers.js';

const W = new Int32Array(4);

/** Unsigned 64×64 → 128 product of (aLo,aHi)×(bLo,bHi) into W[0..3] (little-endian words). */
function mulU64(aLo: number, aHi: number, bLo: number, bHi: number): void {
  const a = [aLo & 0xffff, aLo >>> 16, aHi & 0xffff, aHi >>> 16];
  const b = [bLo & 0xffff, bLo >>> 16, bHi & 0xffff, bHi >>> 16];
  const r = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let x = 0; x < 4; x++) {
    let carry = 0;
    const ax = a[x]!;
    for (let y = 0; y < 4; y++) {
      const t = ax * b[y]! + r[x + y]! + carry;
      r[x + y] = t % 65536;
      carry = Math.floor(t / 65536);
    }
    r[x + 4] = carry;
  }
  for (let k = 0; k < 4; k++) W[k] = r[2 * k]! | (r[2 * k + 1]! << 16);
}

/** Signed 64×64 → 128: unsigned product with the high half corrected (Hacker's Delight 8-3). */
function mulS64(aLo: number, aHi: number, bLo: number, bHi: number): void {
  mulU64(aLo, aHi, bLo, bHi);
  let h = BigInt(W[2]! >>> 0) | (BigInt(W[3]! >>> 0) << 32n);
  if (aHi < 0) h -= BigInt(bLo >>> 0) | (BigInt(bHi >>> 0) << 32n);
  if (bHi < 0) h -= BigInt(aLo >>> 0) | (BigInt(aHi >>> 0) << 32n);
  h = BigInt.asUintN(64, h);
  W[2] = Number(h & 0xffffffffn) | 0;
  W[3] = Number(h >> 32n) | 0;
}

function sext(v: number, size: number): number {
  return size === 1 ? (v << 24) >> 24 : size === 2 ? (v << 16) >> 16 : v | 0;
}

/** One-operand mul (4), imul (5), div (6), idiv (7). */
export function mulDivE(cpu: X86Cpu, i: Inst): void {
  const size = i.size;
  const src = cpu.rdE(i);
  const srcHi = cpu.eh;
  const lo = cpu.lo;
  const hi = cpu.hi;
  switch (i.op) {
    case 4:
    case 5: {
      const signed = i.op === 5;
      if (size === 8) {
        if (signed) mulS64(lo[RAX]!, hi[RAX]!, src, srcHi);
        else mulU64(lo[RAX]!, hi[RAX]!, src, srcHi);
        lo[RAX] = W[0]!;
        hi[RAX] = W[1]!;
        lo[RDX] = W[2]!;
        hi[RDX] = W[3]!;
        const ext = signed ? W[1]! >> 31 : 0;
        const ov = W[2] !== ext || W[3] !== ext;
        cpu.fl.setResult64(W[0]!, W[1]!, ov ? 1 : 0, ov);
        return;
      }
      const a = cpu.getR(size, RAX);
      const av = signed ? sext(a, size) : a;
      const bv = signed ? sext(src, size) : src;
      if (size === 4) {
        mulU64(av | 0, av < 0 ? -1 : 0, bv | 0, bv < 0 ? -1 : 0);
        cpu.setR(4, RAX, W[0]!, 0);
        cpu.setR(4, RDX, W[1]!, 0);
        const ov = signed ? W[1] !== W[0]! >> 31 : W[1] !== 0;
        cpu.fl.setResult(W[0]!, 4, ov ? 1 : 0, ov);
        return;
      }
      const p = av * bv; // exact: |p| < 2^31
      const bits = size * 8;
      const low = p & (size === 1 ? 0xff : 0xffff);
      const high = (p >> bits) & (size === 1 ? 0xff : 0xffff);
      if (size === 1) cpu.setR(2, RAX, p & 0xffff, 0);
      else {
        cpu.setR(2, RAX, low, 0);
        cpu.setR(2, RDX, high, 0);
      }
      const ov = signed ? sext(low, size) !== p : high !== 0;
      cpu.fl.setResult(low, size, ov ? 1 : 0, ov);
      return;
    }
    default:
      divide(cpu, size, src, srcHi, i.op === 7);
  }
}

function divide(cpu: X86Cpu, size: number, src: number, srcHi: number, signed: boolean): void {
  const de = (): X86Fault => new X86Fault(VEC_DE, 0);
  if (size === 1) {
    const dividend = signed ? sext(cpu.lo[RAX]! & 0xffff, 2) : cpu.lo[RAX]! & 0xffff;
    const d = signed ? sext(src, 1) : src;
    if (d === 0) throw de();
    const q = Math.trunc(dividend / d);
    const r = dividend - q * d;
    if (signed ? q < -128 || q > 127 : q > 255) throw de();
    cpu.setR(2, RAX, (q & 0xff) | ((r & 0xff) << 8), 0);
    return;
  }
  const bits = BigInt(size * 8);
  const getU = (reg: number): bigint => BigInt.asUintN(size * 8, cpu.getReg(reg));
  let dividend = (getU(RDX) << bits) | getU(RAX);
  let d = size === 8 ? BigInt.asUintN(64, (BigInt(srcHi) << 32n) | BigInt(src >>> 0)) : BigInt(src);
  if (signed) {
    dividend = BigInt.asIntN(size * 16, dividend);
    d = BigInt.asIntN(size * 8, d);
  }
  if (d === 0n) throw de();
  const q = dividend / d; // bigint division truncates toward zero, as IDIV does
  const r = dividend % d;
  const lim = 1n << (bits - (signed ? 1n : 0n));
  if (signed ? q < -lim || q >= lim : q >= lim) throw de();
  const put = (reg: number, v: bigint): void => {
    const u = BigInt.asUintN(size * 8, v);
    if (size === 8) cpu.setReg(reg, u);
    else cpu.setR(size, reg, Number(u), 0);
  };
  put(RAX, q);
  put(RDX, r);
}

function imulTrunc(cpu: X86Cpu, i: Inst, a: number, aHi: number, b: number, bHi: number): void {
  const size = i.size;
  if (size === 8) {
    mulS64(a, aHi, b, bHi);
    const ext = W[1]! >> 31;
    const ov = W[2] !== ext || W[3] !== ext;
    cpu.setR(8, i.reg, W[0]!, W[1]!);
    cpu.fl.setResult64(W[0]!, W[1]!, ov ? 1 : 0, ov);
    return;
  }
  const av = sext(a, size);
  const bv = sext(b, size);
  mulU64(av, av < 0 ? -1 : 0, bv, bv < 0 ? -1 : 0);
  const low = W[0]!;
  const ov = size === 4 ? W[1] !== low >> 31 : sext(low, size) !== av * bv;
  cpu.setR(size, i.reg, low, 0);
  cpu.fl.setResult(low, size, ov ? 1 : 0, ov);
}

/** imul G, E */
export function imulGE(cpu: X86Cpu, i: Inst): void {
  const b = cpu.rdE(i);
  const bh = cpu.eh;
  const a = cpu.getR(i.size, i.reg);
  imulTrunc(cpu, i, a, cpu.hi[i.reg]!, b, bh);
}

/** imul G, E, imm */
export function imulGEI(cpu: X86Cpu, i: Inst): void {
  const a = cpu.rdE(i);
  imulTrunc(cpu, i, a, cpu.eh, i.imm, i.immHi);
}

/** cbw / cwde / cdqe */
export function cbwFamily(cpu: X86Cpu, i: Inst): void {
  const lo = cpu.lo;
  if (i.size === 2) cpu.setR(2, RAX, (lo[RAX]! << 24) >> 24, 0);
  else if (i.size === 4) cpu.setR(4, RAX, (lo[RAX]! << 16) >> 16, 0);
  else cpu.hi[RAX] = lo[RAX]! >> 31;
}

/** cwd / cdq / cqo */
export function cwdFamily(cpu: X86Cpu, i: Inst): void {
  const lo = cpu.lo;
  if (i.size === 2) cpu.setR(2, RDX, (lo[RAX]! << 16) >> 31, 0);
  else if (i.size === 4) cpu.setR(4, RDX, lo[RAX]! >> 31, 0);
  else cpu.setR(8, RDX, cpu.hi[RAX]! >> 31, cpu.hi[RAX]! >> 31);
}
