// AND/ORR/EOR/ANDS (immediate and shifted register), BIC/BICS/ORN/EON
// (shifted register; BIC/BICS with an immediate become AND/ANDS of the
// inverted value, as GNU as does), and the TST/MVN aliases. ARM ARM C4.1.x
// "Logical (immediate)" and "Logical (shifted register)".

import { encodeBitmaskImmediate } from './bitmask-immediate.js';
import type { Encoded, EncodeCtx } from './encoding-types.js';
import { constant, expectCount, fail, hex, modifier, reg, sf, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';
import type { GpReg } from './registers.js';

export type LogicalOp = 'and' | 'orr' | 'eor' | 'ands' | 'bic' | 'orn' | 'eon' | 'bics';

/** opc (bits 30:29) and N (bit 21) of the shifted-register form. */
const REG_BITS: Readonly<Record<LogicalOp, number>> = {
  and: 0x00000000, bic: 0x00200000, orr: 0x20000000, orn: 0x20200000,
  eor: 0x40000000, eon: 0x40200000, ands: 0x60000000, bics: 0x60200000,
};
const REG_BASE = 0x0a000000;
const IMM_BASE = 0x12000000;
const SHIFT_CODES: Readonly<Record<string, number>> = { lsl: 0, lsr: 1, asr: 2, ror: 3 };

export function logicalShifted(op: LogicalOp, rd: GpReg, rn: GpReg, rmOp: Operand | undefined, modOp: Operand | undefined, ctx: EncodeCtx, site: InsnSite): Encoded {
  const rm = reg(rmOp, { width: rd.width }, site);
  let shift = 0;
  let amount = 0;
  if (modOp) {
    const mod = modifier(modOp);
    if (!mod || mod.kind !== 'shift' || SHIFT_CODES[mod.op] === undefined) return fail("expected 'lsl', 'lsr', 'asr' or 'ror'", modOp.column);
    shift = SHIFT_CODES[mod.op] ?? 0;
    const a = constant(ctx, mod.amount);
    if (a < 0n || a >= BigInt(rd.width)) fail(`shift amount must be 0..${rd.width - 1}`, mod.amount.column);
    amount = Number(a);
  }
  return { word: word(REG_BASE, sf(rd.width), REG_BITS[op], shift << 22, rm.num << 16, amount << 10, rn.num << 5, rd.num) };
}

function logicalImm(op: LogicalOp, rd: GpReg, rn: GpReg, immOp: Operand, ctx: EncodeCtx): Encoded {
  if (immOp.kind !== 'imm') return fail('expected an immediate or register', immOp.column);
  const raw = constant(ctx, immOp.expr);
  const fits = rd.width === 64 || (raw >= -(1n << 31n) && raw < 1n << 32n);
  if (!fits) fail(`immediate ${hex(raw)} out of range for a 32-bit register`, immOp.expr.column);
  let opc = op;
  let v = raw;
  if (op === 'bic') {
    // GNU as accepts BIC with an immediate as AND of the inverted value (but not BICS).
    opc = 'and';
    v = ~v;
  } else if (op === 'orn' || op === 'eon' || op === 'bics') {
    return fail(`'${op}' has no immediate form`, immOp.column);
  }
  const bm = encodeBitmaskImmediate(v, rd.width);
  if (!bm) return fail(`immediate ${hex(raw)} cannot be encoded as a logical immediate`, immOp.expr.column);
  return { word: word(IMM_BASE, sf(rd.width), REG_BITS[opc], bm.n << 22, bm.immr << 16, bm.imms << 10, rn.num << 5, rd.num) };
}

export function encodeLogical(op: LogicalOp, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 3, 4, site);
  const third = ops[2];
  const immForm = third?.kind === 'imm';
  // Rd may be SP only in the immediate form of AND/ORR/EOR (C6.2 "AND (immediate)").
  // There register 31 is SP, so the zero register cannot be written at all.
  const spField = immForm && (op === 'and' || op === 'orr' || op === 'eor' || op === 'bic');
  const rd = reg(ops[0], { r31: spField ? 'sp' : 'zr' }, site);
  const rn = reg(ops[1], { width: rd.width }, site);
  if (immForm && third) {
    if (ops[3]) fail(`too many operands for '${site.mnemonic}'`, ops[3].column);
    return logicalImm(op, rd, rn, third, ctx);
  }
  return logicalShifted(op, rd, rn, third, ops[3], ctx, site);
}

/** tst Rn, #imm | Rm{, shift}: ANDS with the zero register as destination. */
export function encodeTst(ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 2, 3, site);
  const rn = reg(ops[0], {}, site);
  const zr: GpReg = { num: 31, width: rn.width, isSp: false, isZr: true, name: rn.width === 64 ? 'xzr' : 'wzr' };
  const second = ops[1];
  if (second?.kind === 'imm') {
    if (ops[2]) fail(`too many operands for '${site.mnemonic}'`, ops[2].column);
    return logicalImm('ands', zr, rn, second, ctx);
  }
  return logicalShifted('ands', zr, rn, second, ops[2], ctx, site);
}

/** mvn Rd, Rm{, shift}: ORN from the zero register. */
export function encodeMvn(ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 2, 3, site);
  const rd = reg(ops[0], {}, site);
  const zr: GpReg = { num: 31, width: rd.width, isSp: false, isZr: true, name: rd.width === 64 ? 'xzr' : 'wzr' };
  return logicalShifted('orn', rd, zr, ops[1], ops[2], ctx, site);
}
