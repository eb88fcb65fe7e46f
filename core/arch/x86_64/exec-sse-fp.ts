// SSE/SSE2 scalar floating point as gcc emits it for double and float arithmetic
// (SDM Vol 2: ADDSD…, CVTSI2SD, CVTTSD2SI, UCOMISD, MOVSD/MOVSS, ANDPD/ORPD/…).
// JS numbers are IEEE binary64 with round-to-nearest-even, which is MXCSR's default;
// floats are rounded with Math.fround. MXCSR exceptions and DAZ/FTZ are not modelled.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { X86Fault, VEC_GP } from '../../mm/x86-64/fault.js';
import { CF, PF, ZF } from './registers.js';

const SCR = new ArrayBuffer(16);
const S32 = new Int32Array(SCR);
const SF64 = new Float64Array(SCR);
const SF32 = new Float32Array(SCR);

function f64View(cpu: X86Cpu): Float64Array {
  return new Float64Array(cpu.xmm.buffer);
}

function f32View(cpu: X86Cpu): Float32Array {
  return new Float32Array(cpu.xmm.buffer);
}

/** The scalar source operand (W): a double (double=true) or a float. */
function srcScalar(cpu: X86Cpu, i: Inst, double: boolean): number {
  if (i.rm >= 0) return double ? f64View(cpu)[i.rm * 2]! : f32View(cpu)[i.rm * 4]!;
  const va = cpu.ea(i);
  if (double) {
    S32[0] = cpu.mmu.read64(va);
    S32[1] = cpu.mmu.hi;
    return SF64[0]!;
  }
  S32[0] = cpu.mmu.read32(va);
  return SF32[0]!;
}

const ADD = 0x58;
const MUL = 0x59;
const SUB = 0x5c;
const MIN = 0x5d;
const DIV = 0x5e;
const MAX = 0x5f;
const SQRT = 0x51;

/** Raw bits of the scalar source: [lo, hi] for a double, [w, 0] for a float. */
function srcBits(cpu: X86Cpu, i: Inst, double: boolean): void {
  if (i.rm >= 0) {
    S32[0] = cpu.xmm[i.rm * 4]!;
    S32[1] = double ? cpu.xmm[i.rm * 4 + 1]! : 0;
    return;
  }
  const va = cpu.ea(i);
  if (double) {
    S32[0] = cpu.mmu.read64(va);
    S32[1] = cpu.mmu.hi;
  } else {
    S32[0] = cpu.mmu.read32(va);
    S32[1] = 0;
  }
}

/**
 * addsd/subsd/mulsd/divsd/minsd/maxsd/sqrtsd and the ss forms (op = opcode).
 * NaNs follow SDM Vol 1 4.8.3.5: a NaN operand is returned quieted (the destination's
 * first), an invalid operation gives the default NaN, min/max return the source bits.
 */
export function scalarArith(cpu: X86Cpu, i: Inst): void {
  const double = i.row!.pfx === 0xf2;
  const x = cpu.xmm;
  const d = i.reg * 4;
  srcBits(cpu, i, double);
  const sLo = S32[0]!;
  const sHi = S32[1]!;
  const b = double ? SF64[0]! : SF32[0]!;
  const dLo = x[d]!;
  const dHi = x[d + 1]!;
  S32[0] = dLo;
  S32[1] = dHi;
  const a = double ? SF64[0]! : SF32[0]!;
  const put = (lo: number, hi: number): void => {
    x[d] = lo;
    if (double) x[d + 1] = hi;
  };
  const op = i.op;
  if (op === MIN || op === MAX) {
    const takeDest = op === MIN ? a < b : a > b;
    if (takeDest) put(dLo, dHi);
    else put(sLo, sHi);
    return;
  }
  const quiet = double ? 0x00080000 : 0x00400000;
  if (op !== SQRT && Number.isNaN(a)) {
    if (double) put(dLo, dHi | quiet);
    else put(dLo | quiet, 0);
    return;
  }
  if (Number.isNaN(b)) {
    if (double) put(sLo, sHi | quiet);
    else put(sLo | quiet, 0);
    return;
  }
  let r: number;
  switch (op) {
    case ADD:
      r = a + b;
      break;
    case SUB:
      r = a - b;
      break;
    case MUL:
      r = a * b;
      break;
    case DIV:
      r = a / b;
      break;
    default:
      r = Math.sqrt(b);
  }
  if (Number.isNaN(r)) {
    // The x86 default NaN is negative: 0xFFF8000000000000 / 0xFFC00000.
    if (double) put(0, 0xfff80000 | 0);
    else put(0xffc00000 | 0, 0);
    return;
  }
  if (double) {
    SF64[0] = r;
    put(S32[0]!, S32[1]!);
  } else {
    SF32[0] = Math.fround(r);
    put(S32[0]!, 0);
  }
}

/** movsd/movss xmm, xmm/m: a register source keeps the destination's upper part; memory zeroes it. */
export function movScalarLoad(cpu: X86Cpu, i: Inst): void {
  const double = i.row!.pfx === 0xf2;
  const x = cpu.xmm;
  const d = i.reg * 4;
  if (i.rm >= 0) {
    x[d] = x[i.rm * 4]!;
    if (double) x[d + 1] = x[i.rm * 4 + 1]!;
    return;
  }
  const va = cpu.ea(i);
  x[d] = double ? cpu.mmu.read64(va) : cpu.mmu.read32(va);
  x[d + 1] = double ? cpu.mmu.hi : 0;
  x[d + 2] = 0;
  x[d + 3] = 0;
}

/** movsd/movss xmm/m, xmm */
export function movScalarStore(cpu: X86Cpu, i: Inst): void {
  const double = i.row!.pfx === 0xf2;
  const x = cpu.xmm;
  const s = i.reg * 4;
  if (i.rm >= 0) {
    x[i.rm * 4] = x[s]!;
    if (double) x[i.rm * 4 + 1] = x[s + 1]!;
    return;
  }
  const va = cpu.ea(i);
  if (double) cpu.mmu.write64(va, x[s]!, x[s + 1]!);
  else cpu.mmu.write32(va, x[s]!);
}

/** cvtsi2sd / cvtsi2ss xmm, r/m32/64 (round to nearest even, as Number(bigint) does). */
export function cvtIntToFp(cpu: X86Cpu, i: Inst): void {
  const double = i.row!.pfx === 0xf2;
  const lo = cpu.rdE(i);
  const v = i.size === 8 ? Number(BigInt.asIntN(64, (BigInt(cpu.eh) << 32n) | BigInt(lo >>> 0))) : lo | 0;
  if (double) f64View(cpu)[i.reg * 2] = v;
  else f32View(cpu)[i.reg * 4] = Math.fround(v);
}

function roundEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** cvttsd2si (op 0x2c, truncate) / cvtsd2si (op 0x2d, nearest-even), also the ss forms. Out of range → integer indefinite. */
export function cvtFpToInt(cpu: X86Cpu, i: Inst): void {
  const double = i.row!.pfx === 0xf2;
  const x = srcScalar(cpu, i, double);
  const r = i.op === 0x2c ? Math.trunc(x) : roundEven(x);
  if (i.size === 8) {
    if (!(r >= -(2 ** 63) && r < 2 ** 63)) {
      cpu.setR(8, i.reg, 0, 0x80000000 | 0);
      return;
    }
    const b = BigInt.asUintN(64, BigInt(r));
    cpu.setR(8, i.reg, Number(b & 0xffffffffn) | 0, Number(b >> 32n) | 0);
    return;
  }
  cpu.setR(4, i.reg, r >= -(2 ** 31) && r < 2 ** 31 ? r | 0 : 0x80000000 | 0, 0);
}

/** cvtss2sd (F3 0F 5A) / cvtsd2ss (F2 0F 5A); a NaN keeps its sign and top payload bits, quieted. */
export function cvtFpFp(cpu: X86Cpu, i: Inst): void {
  const fromDouble = i.row!.pfx === 0xf2;
  srcBits(cpu, i, fromDouble);
  const lo = S32[0]!;
  const hi = S32[1]!;
  const d = i.reg * 4;
  if (fromDouble) {
    const x = SF64[0]!;
    if (Number.isNaN(x)) cpu.xmm[d] = (hi & 0x80000000) | 0x7fc00000 | ((((hi & 0xfffff) << 3) | (lo >>> 29)) & 0x3fffff);
    else f32View(cpu)[i.reg * 4] = Math.fround(x);
  } else {
    const x = SF32[0]!;
    if (Number.isNaN(x)) {
      const m = lo & 0x7fffff;
      cpu.xmm[d] = (m & 7) << 29;
      cpu.xmm[d + 1] = (lo & 0x80000000) | 0x7ff80000 | (m >>> 3);
    } else f64View(cpu)[i.reg * 2] = x;
  }
}

/** ucomisd/comisd/ucomiss/comiss: ZF PF CF from the comparison, OF SF AF cleared. */
export function fpCompare(cpu: X86Cpu, i: Inst): void {
  const double = i.row!.pfx === 0x66;
  const b = srcScalar(cpu, i, double);
  const a = double ? f64View(cpu)[i.reg * 2]! : f32View(cpu)[i.reg * 4]!;
  let f: number;
  if (Number.isNaN(a) || Number.isNaN(b)) f = ZF | PF | CF;
  else if (a > b) f = 0;
  else if (a < b) f = CF;
  else f = ZF;
  cpu.fl.set(f);
}

/** andps/andpd (0x54), andnps/andnpd (0x55), orps/orpd (0x56), xorpd (0x57): 128-bit bitwise. */
export function fpLogic(cpu: X86Cpu, i: Inst): void {
  const x = cpu.xmm;
  const d = i.reg * 4;
  if (i.rm >= 0) S32.set(x.subarray(i.rm * 4, i.rm * 4 + 4));
  else {
    const va = cpu.ea(i);
    if (va % 16 !== 0) throw new X86Fault(VEC_GP, 0);
    S32[0] = cpu.mmu.read64(va);
    S32[1] = cpu.mmu.hi;
    S32[2] = cpu.mmu.read64(va + 8);
    S32[3] = cpu.mmu.hi;
  }
  for (let k = 0; k < 4; k++) {
    const a = x[d + k]!;
    const b = S32[k]!;
    x[d + k] = i.op === 0x54 ? a & b : i.op === 0x55 ? ~a & b : i.op === 0x56 ? a | b : a ^ b;
  }
}

/** Predicate names of CMPSD/CMPSS imm8 0..7 (SDM Vol 2A Table 3-7), as objdump merges them into the mnemonic. */
export const CMP_PREDICATES = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord'];

/** cmpsd/cmpss xmm, xmm/m, imm8: all-ones or all-zeros mask in the low lane. */
export function scalarCompare(cpu: X86Cpu, i: Inst): void {
  const double = i.row!.pfx === 0xf2;
  const b = srcScalar(cpu, i, double);
  const a = double ? f64View(cpu)[i.reg * 2]! : f32View(cpu)[i.reg * 4]!;
  const unord = Number.isNaN(a) || Number.isNaN(b);
  let t: boolean;
  switch (i.imm & 7) {
    case 0:
      t = a === b;
      break;
    case 1:
      t = a < b;
      break;
    case 2:
      t = a <= b;
      break;
    case 3:
      t = unord;
      break;
    case 4:
      t = !(a === b);
      break;
    case 5:
      t = !(a < b);
      break;
    case 6:
      t = !(a <= b);
      break;
    default:
      t = !unord;
  }
  const v = t ? -1 : 0;
  cpu.xmm[i.reg * 4] = v;
  if (double) cpu.xmm[i.reg * 4 + 1] = v;
}
