// The one ALU/flags table (DESIGN.md). Arithmetic records its operands and result and
// the status flags are computed only when something reads them (lazy flags): a
// cmp/jnz pair costs one subtraction and one compare. CF is kept eagerly because
// inc/dec must preserve it and adc/sbb consume it. SDM Vol 1 3.4.3.1, Appendix A.

import { AF, CF, OF, PARITY, PF, SF, ZF } from './registers.js';

export const ALU_ADD = 0;
export const ALU_OR = 1;
export const ALU_ADC = 2;
export const ALU_SBB = 3;
export const ALU_AND = 4;
export const ALU_SUB = 5;
export const ALU_XOR = 6;
export const ALU_CMP = 7;
export const ALU_TEST = 8;
export const ALU_NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test'];

const K_ADD = 0;
const K_SUB = 1;
const K_LOGIC = 2;
const K_EAGER = 3;

/** Value masks and sign bits indexed by operand size in bytes. */
export const MASK = [0, 0xff, 0xffff, 0, 0xffffffff, 0, 0, 0, 0];
const SIGN = [0, 0x80, 0x8000, 0, 0x80000000 | 0, 0, 0, 0, 0];

export class LazyFlags {
  private kind = K_EAGER;
  private size = 4;
  // Operands and result. Sizes 1/2/4: unsigned operands, r is the unmasked sum/difference.
  // Size 8: a/b/r hold the low int32 halves and aHi/bHi/rHi the high halves.
  // a/b/r start as doubles: they hold values beyond V8's small-integer range (unsigned
  // 32-bit operands, 33-bit sums), and a field that began as a small integer would box
  // every such store. Reset to 0 in the constructor.
  private a = 0.5;
  private b = 0.5;
  private r = 0.5;
  private aHi = 0;
  private bHi = 0;
  private rHi = 0;
  /** CF, always current. */
  cf = 0;
  /** ZF SF PF OF AF when kind is eager. */
  private eager = 0;
  /** High half of the last alu64 result (the low half is returned). */
  outHi = 0;

  constructor() {
    this.a = 0;
    this.b = 0;
    this.r = 0;
  }

  /** ALU op on 8/16/32-bit unsigned operands; returns the masked result. */
  alu(op: number, a: number, b: number, size: number): number {
    const mask = MASK[size]!;
    let r: number;
    let kind: number;
    switch (op) {
      case ALU_ADD:
        r = a + b;
        kind = K_ADD;
        this.cf = r > mask ? 1 : 0;
        break;
      case ALU_ADC:
        r = a + b + this.cf;
        kind = K_ADD;
        this.cf = r > mask ? 1 : 0;
        break;
      case ALU_SUB:
      case ALU_CMP:
        r = a - b;
        kind = K_SUB;
        this.cf = r < 0 ? 1 : 0;
        break;
      case ALU_SBB:
        r = a - b - this.cf;
        kind = K_SUB;
        this.cf = r < 0 ? 1 : 0;
        break;
      case ALU_OR:
        r = (a | b) >>> 0;
        kind = K_LOGIC;
        this.cf = 0;
        break;
      case ALU_XOR:
        r = (a ^ b) >>> 0;
        kind = K_LOGIC;
        this.cf = 0;
        break;
      default: // AND, TEST
        r = (a & b) >>> 0;
        kind = K_LOGIC;
        this.cf = 0;
        break;
    }
    this.kind = kind;
    this.size = size;
    this.a = a;
    this.b = b;
    this.r = r;
    return size === 4 ? r >>> 0 : r & mask;
  }

  /** ALU op on 64-bit operands as int32 halves; returns the low half, high half in outHi. */
  alu64(op: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
    let lo: number;
    let hi: number;
    let kind: number;
    switch (op) {
      case ALU_ADD:
      case ALU_ADC: {
        lo = (aLo >>> 0) + (bLo >>> 0) + (op === ALU_ADC ? this.cf : 0);
        hi = (aHi >>> 0) + (bHi >>> 0) + (lo > 0xffffffff ? 1 : 0);
        this.cf = hi > 0xffffffff ? 1 : 0;
        kind = K_ADD;
        break;
      }
      case ALU_SUB:
      case ALU_CMP:
      case ALU_SBB: {
        lo = (aLo >>> 0) - (bLo >>> 0) - (op === ALU_SBB ? this.cf : 0);
        hi = (aHi >>> 0) - (bHi >>> 0) - (lo < 0 ? 1 : 0);
        this.cf = hi < 0 ? 1 : 0;
        kind = K_SUB;
        break;
      }
      case ALU_OR:
        lo = aLo | bLo;
        hi = aHi | bHi;
        kind = K_LOGIC;
        this.cf = 0;
        break;
      case ALU_XOR:
        lo = aLo ^ bLo;
        hi = aHi ^ bHi;
        kind = K_LOGIC;
        this.cf = 0;
        break;
      default:
        lo = aLo & bLo;
        hi = aHi & bHi;
        kind = K_LOGIC;
        this.cf = 0;
        break;
    }
    this.kind = kind;
    this.size = 8;
    this.a = aLo;
    this.b = bLo;
    this.aHi = aHi;
    this.bHi = bHi;
    this.r = lo | 0;
    this.rHi = hi | 0;
    this.outHi = hi | 0;
    return lo | 0;
  }

  // Switch-free entry points for the specialised handlers in exec-fast.ts.
  add32(a: number, b: number): number {
    const r = a + b;
    this.cf = r > 0xffffffff ? 1 : 0;
    this.kind = K_ADD;
    this.size = 4;
    this.a = a;
    this.b = b;
    this.r = r;
    return r | 0;
  }

  sub32(a: number, b: number): number {
    const r = a - b;
    this.cf = r < 0 ? 1 : 0;
    this.kind = K_SUB;
    this.size = 4;
    this.a = a;
    this.b = b;
    this.r = r;
    return r | 0;
  }

  /** and/or/xor/test result (32-bit int). */
  logic32(r: number): number {
    this.cf = 0;
    this.kind = K_LOGIC;
    this.size = 4;
    this.r = r >>> 0;
    return r;
  }

  add64(aLo: number, aHi: number, bLo: number, bHi: number): number {
    const lo = (aLo >>> 0) + (bLo >>> 0);
    const hi = (aHi >>> 0) + (bHi >>> 0) + (lo > 0xffffffff ? 1 : 0);
    this.cf = hi > 0xffffffff ? 1 : 0;
    this.kind = K_ADD;
    this.size = 8;
    this.a = aLo;
    this.b = bLo;
    this.aHi = aHi;
    this.bHi = bHi;
    this.r = lo | 0;
    this.rHi = hi | 0;
    this.outHi = hi | 0;
    return lo | 0;
  }

  sub64(aLo: number, aHi: number, bLo: number, bHi: number): number {
    const lo = (aLo >>> 0) - (bLo >>> 0);
    const hi = (aHi >>> 0) - (bHi >>> 0) - (lo < 0 ? 1 : 0);
    this.cf = hi < 0 ? 1 : 0;
    this.kind = K_SUB;
    this.size = 8;
    this.a = aLo;
    this.b = bLo;
    this.aHi = aHi;
    this.bHi = bHi;
    this.r = lo | 0;
    this.rHi = hi | 0;
    this.outHi = hi | 0;
    return lo | 0;
  }

  logic64(lo: number, hi: number): number {
    this.cf = 0;
    this.kind = K_LOGIC;
    this.size = 8;
    this.r = lo;
    this.rHi = hi;
    this.outHi = hi;
    return lo;
  }

  /** INC/DEC: like ADD/SUB 1 but CF is preserved (SDM Vol 2A INC). */
  incDec(dec: boolean, a: number, size: number): number {
    const cf = this.cf;
    const r = this.alu(dec ? ALU_SUB : ALU_ADD, a, 1, size);
    this.cf = cf;
    return r;
  }

  incDec64(dec: boolean, aLo: number, aHi: number): number {
    const cf = this.cf;
    const r = this.alu64(dec ? ALU_SUB : ALU_ADD, aLo, aHi, 1, 0);
    this.cf = cf;
    return r;
  }

  zf(): boolean {
    if (this.kind === K_EAGER) return (this.eager & ZF) !== 0;
    if (this.size === 8) return (this.r | this.rHi) === 0;
    return (this.r & MASK[this.size]!) === 0;
  }

  sf(): boolean {
    if (this.kind === K_EAGER) return (this.eager & SF) !== 0;
    if (this.size === 8) return this.rHi < 0;
    return (this.r & SIGN[this.size]!) !== 0;
  }

  of(): boolean {
    const k = this.kind;
    if (k === K_EAGER) return (this.eager & OF) !== 0;
    if (k === K_LOGIC) return false;
    if (this.size === 8) {
      if (k === K_ADD) return ((this.aHi ^ this.rHi) & (this.bHi ^ this.rHi)) < 0;
      return ((this.aHi ^ this.bHi) & (this.aHi ^ this.rHi)) < 0;
    }
    const s = SIGN[this.size]!;
    if (k === K_ADD) return ((this.a ^ this.r) & (this.b ^ this.r) & s) !== 0;
    return ((this.a ^ this.b) & (this.a ^ this.r) & s) !== 0;
  }

  pf(): boolean {
    if (this.kind === K_EAGER) return (this.eager & PF) !== 0;
    return PARITY[this.r & 0xff] === 1;
  }

  af(): boolean {
    if (this.kind === K_EAGER) return (this.eager & AF) !== 0;
    if (this.kind === K_LOGIC) return false;
    return ((this.a ^ this.b ^ this.r) & 0x10) !== 0;
  }

  /** Condition codes in encoding order (SDM Vol 2 Appendix B.1.4.7). */
  cond(cc: number): boolean {
    let v: boolean;
    switch (cc >> 1) {
      case 0:
        v = this.of();
        break;
      case 1:
        v = this.cf !== 0;
        break;
      case 2:
        v = this.zf();
        break;
      case 3:
        v = this.cf !== 0 || this.zf();
        break;
      case 4:
        v = this.sf();
        break;
      case 5:
        v = this.pf();
        break;
      case 6:
        v = this.sf() !== this.of();
        break;
      default:
        v = this.zf() || this.sf() !== this.of();
        break;
    }
    return (cc & 1) === 0 ? v : !v;
  }

  /** The status-flag bits of RFLAGS. */
  get(): number {
    return (
      (this.cf ? CF : 0) |
      (this.pf() ? PF : 0) |
      (this.af() ? AF : 0) |
      (this.zf() ? ZF : 0) |
      (this.sf() ? SF : 0) |
      (this.of() ? OF : 0)
    );
  }

  set(bits: number): void {
    this.kind = K_EAGER;
    this.eager = bits;
    this.cf = bits & CF;
  }

  /** Shifts and the like: ZF/SF/PF from the result, CF/OF given, AF cleared. */
  setResult(r: number, size: number, cf: number, of: boolean): void {
    const m = MASK[size]!;
    const v = size === 4 ? r >>> 0 : r & m;
    let bits = cf ? CF : 0;
    if (v === 0) bits |= ZF;
    if ((v & SIGN[size]!) !== 0) bits |= SF;
    if (PARITY[v & 0xff] === 1) bits |= PF;
    if (of) bits |= OF;
    this.set(bits);
  }

  setResult64(lo: number, hi: number, cf: number, of: boolean): void {
    let bits = cf ? CF : 0;
    if ((lo | hi) === 0) bits |= ZF;
    if (hi < 0) bits |= SF;
    if (PARITY[lo & 0xff] === 1) bits |= PF;
    if (of) bits |= OF;
    this.set(bits);
  }

  /** Change only CF (bt). */
  setCf(cf: number): void {
    this.set((this.get() & ~CF) | (cf ? CF : 0));
  }

  /** Change only CF and OF (rotates, mul), keeping the other status flags. */
  setCfOf(cf: number, of: boolean): void {
    const bits = (this.get() & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
    this.set(bits);
  }
}
