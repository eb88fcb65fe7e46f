// ADD/SUB/ADDS/SUBS in their three forms (ARM ARM C4.1.x data processing):
// immediate (imm12, optional LSL #12), shifted register, extended register;
// plus the CMP/CMN/NEG/NEGS aliases. Like GNU as, a negative immediate flips
// ADD<->SUB, a multiple of 4096 picks LSL #12 itself, and SP as Rd or Rn
// selects the extended-register form (UXTX/UXTW, C6.2 "ADD (extended register)").

import type { Encoded, EncodeCtx } from './encoding-types.js';
import { constant, expectCount, fail, hex, modifier, reg, sf, word, type InsnSite } from './encode-util.js';
import type { ExtendOp, Modifier, Operand } from './operands.js';
import type { GpReg } from './registers.js';

type ArithOp = 'add' | 'adds' | 'sub' | 'subs';

/** op (bit 30) and S (bit 29). */
const OPBITS: Readonly<Record<ArithOp, number>> = { add: 0, adds: 1 << 29, sub: 1 << 30, subs: (1 << 30) | (1 << 29) };
const IMM_BASE = 0x11000000;
const SHIFTED_BASE = 0x0b000000;
const EXTENDED_BASE = 0x0b200000;

const SHIFT_CODES: Readonly<Record<string, number>> = { lsl: 0, lsr: 1, asr: 2 };
const EXTEND_CODES: Readonly<Record<ExtendOp, number>> = { uxtb: 0, uxth: 1, uxtw: 2, uxtx: 3, sxtb: 4, sxth: 5, sxtw: 6, sxtx: 7 };

function flip(op: ArithOp): ArithOp {
  return op === 'add' ? 'sub' : op === 'adds' ? 'subs' : op === 'sub' ? 'add' : 'adds';
}

function arithImm(op: ArithOp, rd: GpReg, rn: GpReg, immOp: Operand, shiftOp: Operand | undefined, ctx: EncodeCtx, site: InsnSite): Encoded {
  if (immOp.kind !== 'imm') return fail('expected an immediate or register', immOp.column);
  const e = immOp.expr;
  const base = (o: ArithOp, sh: number, imm12: number): number =>
    word(IMM_BASE, sf(rd.width), OPBITS[o], sh << 22, imm12 << 10, rn.num << 5, rd.num);
  let explicitShift: number | undefined;
  if (shiftOp) {
    const m = modifier(shiftOp);
    if (!m || m.kind !== 'shift' || m.op !== 'lsl') return fail("expected 'lsl #0' or 'lsl #12'", shiftOp.column);
    const s = constant(ctx, m.amount);
    if (s !== 0n && s !== 12n) fail('shift amount must be 0 or 12', m.amount.column);
    explicitShift = Number(s);
  }
  if (e.reloc !== undefined) {
    if (e.reloc !== 'lo12') return fail(`relocation operator ':${e.reloc}:' is not allowed for '${site.mnemonic}'`, e.column);
    return { word: base(op, 0, 0), fixup: { reloc: 'R_AARCH64_ADD_ABS_LO12_NC', expr: { text: e.text, column: e.column, hash: e.hash } } };
  }
  let v = constant(ctx, e);
  let o = op;
  if (v < 0n) {
    // GNU as: `add x0, x1, #-8` assembles as `sub x0, x1, #8`.
    v = -v;
    o = flip(op);
  }
  if (explicitShift !== undefined) {
    if (v > 0xfffn) fail(`immediate ${hex(v)} out of range 0..4095`, e.column);
    return { word: base(o, explicitShift === 12 ? 1 : 0, Number(v)) };
  }
  if (v <= 0xfffn) return { word: base(o, 0, Number(v)) };
  if ((v & 0xfffn) === 0n && v >> 12n <= 0xfffn) return { word: base(o, 1, Number(v >> 12n)) };
  return fail(`immediate ${hex(v)} out of range (0..4095, optionally shifted left by 12)`, e.column);
}

function arithExtended(op: ArithOp, rd: GpReg, rn: GpReg, rmOp: Operand, mod: Modifier | undefined, ctx: EncodeCtx, site: InsnSite): Encoded {
  // GNU as takes Rm as W or X for any extend of a 64-bit operation (the
  // register number is all that is encoded); a 32-bit operation needs W.
  const rm = reg(rmOp, rd.width === 32 ? { width: 32 } : {}, site);
  const implicit = rd.width === 64 && rm.width === 64 ? 3 : 2; // UXTX, or UXTW for a W index
  let option: number;
  let amount = 0;
  if (!mod) option = implicit;
  else if (mod.kind === 'shift') {
    if (mod.op !== 'lsl') return fail("only 'lsl' may be used with sp here", mod.column);
    option = implicit;
    amount = Number(constant(ctx, mod.amount));
  } else {
    option = EXTEND_CODES[mod.op];
    if (mod.amount) amount = Number(constant(ctx, mod.amount));
  }
  if (amount < 0 || amount > 4) fail('extend shift amount must be 0..4', mod?.column ?? rmOp.column);
  return { word: word(EXTENDED_BASE, sf(rd.width), OPBITS[op], rm.num << 16, option << 13, amount << 10, rn.num << 5, rd.num) };
}

function arithShifted(op: ArithOp, rd: GpReg, rn: GpReg, rmOp: Operand, mod: Modifier | undefined, ctx: EncodeCtx, site: InsnSite): Encoded {
  const rm = reg(rmOp, { width: rd.width }, site);
  let shift = 0;
  let amount = 0;
  if (mod) {
    if (mod.kind !== 'shift' || SHIFT_CODES[mod.op] === undefined) return fail("expected 'lsl', 'lsr' or 'asr'", mod.column);
    shift = SHIFT_CODES[mod.op] ?? 0;
    const a = constant(ctx, mod.amount);
    if (a < 0n || a >= BigInt(rd.width)) fail(`shift amount must be 0..${rd.width - 1}`, mod.amount.column);
    amount = Number(a);
  }
  return { word: word(SHIFTED_BASE, sf(rd.width), OPBITS[op], shift << 22, rm.num << 16, amount << 10, rn.num << 5, rd.num) };
}

/** Core of add/sub: rd and rn already resolved (either may be sp or zr). */
interface RegCols {
  readonly rd: number;
  readonly rn: number;
}

function arith(op: ArithOp, rd: GpReg, rn: GpReg, rest: readonly Operand[], ctx: EncodeCtx, site: InsnSite, cols: RegCols): Encoded {
  const third = rest[0];
  if (!third) return fail(`too few operands for '${site.mnemonic}'`, site.column);
  if (rest.length > 2) fail(`too many operands for '${site.mnemonic}'`, rest[2]?.column ?? site.column);
  if (rn.width !== rd.width) fail(`expected a ${rd.width}-bit register`, cols.rn);
  if (third.kind !== 'reg') {
    if (rn.isZr) fail(`'${rn.name}' is not allowed here (register 31 means sp in this operand)`, cols.rn);
    if (rd.isZr && (op === 'add' || op === 'sub')) fail(`'${rd.name}' is not allowed here (register 31 means sp in this operand)`, cols.rd);
    if (rd.isSp && (op === 'adds' || op === 'subs')) fail(`'${rd.name}' is not allowed here (use ${rd.width === 64 ? 'xzr' : 'wzr'} for register 31)`, cols.rd);
    return arithImm(op, rd, rn, third, rest[1], ctx, site);
  }
  const mod = modifier(rest[1]);
  if (rest[1] && !mod) fail('expected a shift or extend', rest[1].column);
  const spForm = rn.isSp || (rd.isSp && (op === 'add' || op === 'sub'));
  if (spForm || mod?.kind === 'extend') {
    if (rn.isZr) fail(`'${rn.name}' is not allowed here (register 31 means sp in this operand)`, cols.rn);
    if (rd.isZr && (op === 'add' || op === 'sub')) fail(`'${rd.name}' is not allowed here (register 31 means sp in this operand)`, cols.rd);
    if (rd.isSp && (op === 'adds' || op === 'subs')) fail(`'${rd.name}' is not allowed here (use ${rd.width === 64 ? 'xzr' : 'wzr'} for register 31)`, cols.rd);
    return arithExtended(op, rd, rn, third, mod, ctx, site);
  }
  if (rd.isSp) fail(`'${rd.name}' is not allowed here`, cols.rd);
  return arithShifted(op, rd, rn, third, mod, ctx, site);
}

export function encodeAddSub(op: ArithOp, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 3, 4, site);
  const rd = reg(ops[0], { r31: ops[0]?.kind === 'reg' && ops[0].reg.isSp ? 'sp' : 'zr' }, site);
  const rn = reg(ops[1], { width: rd.width, r31: ops[1]?.kind === 'reg' && ops[1].reg.isSp ? 'sp' : 'zr' }, site);
  return arith(op, rd, rn, ops.slice(2), ctx, site, { rd: ops[0]?.column ?? site.column, rn: ops[1]?.column ?? site.column });
}

/** cmp / cmn: SUBS / ADDS with the zero register as destination. */
export function encodeCompare(op: 'cmp' | 'cmn', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 2, 3, site);
  const rn = reg(ops[0], { r31: ops[0]?.kind === 'reg' && ops[0].reg.isSp ? 'sp' : 'zr' }, site);
  const zr: GpReg = { num: 31, width: rn.width, isSp: false, isZr: true, name: rn.width === 64 ? 'xzr' : 'wzr' };
  const col = ops[0]?.column ?? site.column;
  return arith(op === 'cmp' ? 'subs' : 'adds', zr, rn, ops.slice(1), ctx, site, { rd: col, rn: col });
}

/** neg / negs: SUB / SUBS from the zero register (shifted register form only). */
export function encodeNeg(op: 'neg' | 'negs', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 2, 3, site);
  const rd = reg(ops[0], {}, site);
  const rmOp = ops[1];
  if (!rmOp) return fail(`too few operands for '${site.mnemonic}'`, site.column);
  const mod = modifier(ops[2]);
  if (ops[2] && !mod) fail('expected a shift', ops[2].column);
  const zr: GpReg = { num: 31, width: rd.width, isSp: false, isZr: true, name: rd.width === 64 ? 'xzr' : 'wzr' };
  return arithShifted(op === 'neg' ? 'sub' : 'subs', rd, zr, rmOp, mod, ctx, site);
}
