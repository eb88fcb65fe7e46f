// rcl/rcr (rotate through CF) and shld/shrd (double-precision shifts), SDM Vol 2B.
// These are rare, so they use bigint for clarity; the common shifts are in exec-shift.ts.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { RCX } from './registers.js';

function readE(cpu: X86Cpu, i: Inst): bigint {
  const lo = cpu.rdEw(i);
  const hi = i.size === 8 ? cpu.eh : 0;
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function writeE(cpu: X86Cpu, i: Inst, v: bigint): void {
  cpu.wbE(i, Number(v & 0xffffffffn) | 0, Number((v >> 32n) & 0xffffffffn) | 0);
}

function count(cpu: X86Cpu, i: Inst): number {
  const raw = i.imm2 === 1 ? cpu.lo[RCX]! & 0xff : i.imm;
  return raw & (i.size === 8 ? 0x3f : 0x1f);
}

/** rcl (op 2) / rcr (op 3) */
export function rotateCarry(cpu: X86Cpu, i: Inst): void {
  const bits = i.size * 8;
  let cnt = count(cpu, i);
  if (bits < 32) cnt %= bits + 1;
  const a = readE(cpu, i);
  if (cnt === 0) {
    if (i.size === 4 && i.rm >= 0) cpu.hi[i.rm] = 0;
    return;
  }
  const w = BigInt(bits + 1);
  const mask = (1n << w) - 1n;
  const v = (BigInt(cpu.fl.cf) << BigInt(bits)) | a;
  const c = BigInt(i.op === 2 ? cnt : bits + 1 - cnt);
  const r = ((v << c) | (v >> (w - c))) & mask;
  const res = r & ((1n << BigInt(bits)) - 1n);
  const cf = Number(r >> BigInt(bits));
  const msb = Number(res >> BigInt(bits - 1)) & 1;
  const next = Number(res >> BigInt(bits - 2)) & 1;
  writeE(cpu, i, res);
  cpu.fl.setCfOf(cf, i.op === 2 ? (msb ^ cf) === 1 : (msb ^ next) === 1);
}

/** shld (op 0) / shrd (op 1) E, G, imm8/CL */
export function shiftDouble(cpu: X86Cpu, i: Inst): void {
  const bits = i.size * 8;
  const cnt = count(cpu, i);
  const dst = readE(cpu, i);
  if (cnt === 0) {
    if (i.size === 4 && i.rm >= 0) cpu.hi[i.rm] = 0;
    return;
  }
  const lo = cpu.getR(i.size, i.reg);
  const src = (BigInt(i.size === 8 ? cpu.eh >>> 0 : 0) << 32n) | BigInt(lo >>> 0);
  const B = BigInt(bits);
  const mask = (1n << B) - 1n;
  const c = BigInt(cnt);
  let r: bigint;
  let cf: number;
  if (i.op === 0) {
    r = ((dst << c) | (src >> (B - c))) & mask;
    cf = Number((dst >> (B - c)) & 1n);
  } else {
    r = ((dst >> c) | (src << (B - c))) & mask;
    cf = Number((dst >> (c - 1n)) & 1n);
  }
  const of = ((r ^ dst) >> (B - 1n)) & 1n;
  writeE(cpu, i, r);
  if (i.size === 8) cpu.fl.setResult64(Number(r & 0xffffffffn) | 0, Number(r >> 32n) | 0, cf, of === 1n);
  else cpu.fl.setResult(Number(r), i.size, cf, of === 1n);
}
