// rol/ror/shl/shr/sar by 1, imm8 or CL (SDM Vol 2B SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR).
// The count is masked to 5 bits (6 with REX.W); a masked count of 0 changes no flags.
// OF is defined only for 1-bit shifts; for larger counts we produce what the 1-bit
// formula gives, and tests compare only the defined flags.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { MASK } from './alu-flags.js';
import { RCX } from './registers.js';

const ROL = 0;
const ROR = 1;
const SHL = 4;
const SHR = 5;

function bit64(lo: number, hi: number, n: number): number {
  return n < 32 ? (lo >>> n) & 1 : (hi >>> (n - 32)) & 1;
}

export function shiftE(cpu: X86Cpu, i: Inst): void {
  const size = i.size;
  const raw = i.imm2 === 1 ? cpu.lo[RCX]! & 0xff : i.imm;
  const count = raw & (size === 8 ? 0x3f : 0x1f);
  const a = cpu.rdEw(i);
  if (count === 0) {
    // No flag change; a 32-bit register destination is still zero-extended.
    if (size === 4 && i.rm >= 0) cpu.hi[i.rm] = 0;
    return;
  }
  if (size === 8) {
    shift64(cpu, i, a, cpu.eh, count);
    return;
  }
  const bits = size * 8;
  const mask = MASK[size]!;
  const top = bits - 1;
  let r: number;
  let cf: number;
  switch (i.op) {
    case SHL:
      r = (a << count) & mask;
      cf = count <= bits ? (a >>> (bits - count)) & 1 : 0;
      cpu.fl.setResult(r, size, cf, (((r >>> top) & 1) ^ cf) === 1);
      break;
    case SHR:
      r = a >>> count;
      cf = (a >>> (count - 1)) & 1;
      cpu.fl.setResult(r, size, cf, ((a >>> top) & 1) === 1 && count === 1);
      break;
    case ROL: {
      const c = count % bits;
      r = c === 0 ? a : ((a << c) | (a >>> (bits - c))) & mask;
      cf = r & 1;
      cpu.fl.setCfOf(cf, (((r >>> top) & 1) ^ cf) === 1);
      break;
    }
    case ROR: {
      const c = count % bits;
      r = c === 0 ? a : ((a >>> c) | (a << (bits - c))) & mask;
      cf = (r >>> top) & 1;
      cpu.fl.setCfOf(cf, (((r >>> top) ^ (r >>> (top - 1))) & 1) === 1);
      break;
    }
    default: {
      // SAR: sign-extend to 32 bits first.
      const sa = (a << (32 - bits)) >> (32 - bits);
      r = (sa >> Math.min(count, 31)) & mask;
      cf = (sa >> Math.min(count - 1, 31)) & 1;
      cpu.fl.setResult(r, size, cf, false);
    }
  }
  cpu.wbE(i, r, 0);
}

function shift64(cpu: X86Cpu, i: Inst, lo: number, hi: number, c: number): void {
  let rl: number;
  let rh: number;
  switch (i.op) {
    case SHL: {
      if (c < 32) {
        rl = lo << c;
        rh = (hi << c) | (lo >>> (32 - c));
      } else {
        rl = 0;
        rh = lo << (c - 32);
      }
      const cf = bit64(lo, hi, 64 - c);
      cpu.fl.setResult64(rl, rh, cf, ((rh >>> 31) ^ cf) === 1);
      break;
    }
    case SHR: {
      if (c < 32) {
        rl = (lo >>> c) | (hi << (32 - c));
        rh = hi >>> c;
      } else {
        rl = hi >>> (c - 32);
        rh = 0;
      }
      cpu.fl.setResult64(rl | 0, rh | 0, bit64(lo, hi, c - 1), c === 1 && hi < 0);
      break;
    }
    case ROL:
    case ROR: {
      let k = i.op === ROL ? c : 64 - c;
      let l = lo;
      let h = hi;
      if (k >= 32) {
        l = hi;
        h = lo;
        k -= 32;
      }
      if (k === 0) {
        rl = l;
        rh = h;
      } else {
        rl = (l << k) | (h >>> (32 - k));
        rh = (h << k) | (l >>> (32 - k));
      }
      if (i.op === ROL) {
        const cf = rl & 1;
        cpu.fl.setCfOf(cf, ((rh >>> 31) ^ cf) === 1);
      } else {
        const cf = rh >>> 31;
        cpu.fl.setCfOf(cf, (((rh >>> 31) ^ (rh >>> 30)) & 1) === 1);
      }
      break;
    }
    default: {
      if (c < 32) {
        rl = (lo >>> c) | (hi << (32 - c));
        rh = hi >> c;
      } else {
        rl = hi >> (c - 32);
        rh = hi >> 31;
      }
      cpu.fl.setResult64(rl | 0, rh, bit64(lo, hi, c - 1), false);
    }
  }
  cpu.wbE(i, rl | 0, rh | 0);
}
