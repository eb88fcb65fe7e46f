// Move wide (MOVZ/MOVN/MOVK, ARM ARM C6.2 "MOVZ") and the MOV aliases GNU as
// accepts: MOV to/from SP (ADD #0), MOV register (ORR with ZR), and MOV
// immediate, which tries MOVZ, then MOVN, then ORR with a bitmask immediate
// (C6.2 "MOV (wide immediate)", "MOV (inverted wide immediate)",
// "MOV (bitmask immediate)").

import { encodeBitmaskImmediate } from './bitmask-immediate.js';
import type { Encoded, EncodeCtx } from './encoding-types.js';
import { constant, expectCount, fail, hex, immOperand, modifier, reg, sf, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';
import type { GpReg, RegWidth } from './registers.js';
import { logicalShifted } from './encode-logical.js';

const MOVN = 0x12800000;
const MOVZ = 0x52800000;
const MOVK = 0x72800000;
const ORR_IMM = 0x32000000;
const ORR_REG = 0x2a000000;
const ADD_IMM = 0x11000000;

/** :abs_gN: operators for MOVZ/MOVK (ELF for Arm64, 5.7.3 "Group relocations"). */
const MOVW_GROUPS: Readonly<Record<string, { reloc: 'R_AARCH64_MOVW_UABS_G0' | 'R_AARCH64_MOVW_UABS_G0_NC' | 'R_AARCH64_MOVW_UABS_G1' | 'R_AARCH64_MOVW_UABS_G1_NC' | 'R_AARCH64_MOVW_UABS_G2' | 'R_AARCH64_MOVW_UABS_G2_NC' | 'R_AARCH64_MOVW_UABS_G3'; hw: number }>> = {
  abs_g0: { reloc: 'R_AARCH64_MOVW_UABS_G0', hw: 0 },
  abs_g0_nc: { reloc: 'R_AARCH64_MOVW_UABS_G0_NC', hw: 0 },
  abs_g1: { reloc: 'R_AARCH64_MOVW_UABS_G1', hw: 1 },
  abs_g1_nc: { reloc: 'R_AARCH64_MOVW_UABS_G1_NC', hw: 1 },
  abs_g2: { reloc: 'R_AARCH64_MOVW_UABS_G2', hw: 2 },
  abs_g2_nc: { reloc: 'R_AARCH64_MOVW_UABS_G2_NC', hw: 2 },
  abs_g3: { reloc: 'R_AARCH64_MOVW_UABS_G3', hw: 3 },
};

function movWide(base: number, width: RegWidth, rd: number, imm16: number, hw: number): number {
  return word(base, sf(width), hw << 21, imm16 << 5, rd);
}

/** If `v` (already masked to width) is one 16-bit chunk at a 16-bit boundary, its {imm16, hw}. */
function wideChunk(v: bigint, width: RegWidth): { imm16: number; hw: number } | undefined {
  for (let hw = 0; hw < width / 16; hw++) {
    const shift = BigInt(hw * 16);
    if ((v & ~(0xffffn << shift)) === 0n) return { imm16: Number(v >> shift), hw };
  }
  return undefined;
}

function maskTo(v: bigint, width: RegWidth): bigint {
  return width === 64 ? BigInt.asUintN(64, v) : BigInt.asUintN(32, v);
}

/** Range check GNU as applies to a 32-bit immediate: it must fit in 32 bits, signed or unsigned. */
function fitsWidth(v: bigint, width: RegWidth): boolean {
  if (width === 64) return v >= -(1n << 63n) && v < 1n << 64n;
  return v >= -(1n << 31n) && v < 1n << 32n;
}

/** movz / movn / movk with explicit `#imm16{, lsl #shift}` or a :abs_gN: operator. */
export function encodeMoveWide(mnemonic: 'movz' | 'movn' | 'movk', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 2, 3, site);
  const rd = reg(ops[0], {}, site);
  const base = mnemonic === 'movz' ? MOVZ : mnemonic === 'movn' ? MOVN : MOVK;
  const e = immOperand(ops[1], site);
  const shiftOp = modifier(ops[2]);
  if (ops[2] && (!shiftOp || shiftOp.kind !== 'shift' || shiftOp.op !== 'lsl')) fail("expected 'lsl #0', 'lsl #16', 'lsl #32' or 'lsl #48'", ops[2].column);
  if (e.reloc !== undefined) {
    const g = MOVW_GROUPS[e.reloc];
    if (!g || mnemonic === 'movn') return fail(`relocation operator ':${e.reloc}:' is not allowed for '${mnemonic}'`, e.column);
    if (rd.width === 32 && g.hw > 1) fail(`':${e.reloc}:' needs a 64-bit register`, e.column);
    return { word: movWide(base, rd.width, rd.num, 0, g.hw), fixup: { reloc: g.reloc, expr: { text: e.text, column: e.column, hash: e.hash } } };
  }
  const v = constant(ctx, e);
  let hw = 0;
  if (shiftOp && shiftOp.kind === 'shift') {
    const s = constant(ctx, shiftOp.amount);
    if (s !== 0n && s !== 16n && s !== 32n && s !== 48n) fail('shift amount must be 0, 16, 32 or 48', shiftOp.amount.column);
    if (rd.width === 32 && s > 16n) fail('shift amount must be 0 or 16 for a 32-bit register', shiftOp.amount.column);
    hw = Number(s) / 16;
  }
  if (v < 0n || v > 0xffffn) fail('immediate out of range 0..65535', e.column);
  return { word: movWide(base, rd.width, rd.num, Number(v), hw) };
}

/** The `mov` alias in all its forms. */
export function encodeMov(ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 2, 3, site);
  const dst = ops[0];
  const src = ops[1];
  if (ops[2]) {
    // GNU as also takes `mov Xd, Xm, <shift> #n` as ORR Xd, XZR, Xm, <shift> #n.
    if (dst?.kind !== 'reg' || src?.kind !== 'reg') return fail(`too many operands for 'mov'`, ops[2].column);
    const rd = reg(dst, {}, site);
    const zr: GpReg = { num: 31, width: rd.width, isSp: false, isZr: true, name: rd.width === 64 ? 'xzr' : 'wzr' };
    return logicalShifted('orr', rd, zr, src, ops[2], ctx, site);
  }
  if (dst?.kind === 'reg' && src?.kind === 'reg') {
    const rd = dst.reg;
    const rm = src.reg;
    if (rd.width !== rm.width) fail(`expected a ${rd.width}-bit register`, src.column);
    if (rd.isSp || rm.isSp) {
      // C6.2 "MOV (to/from SP)": ADD Rd|SP, Rn|SP, #0
      if (rd.isZr || rm.isZr) fail('cannot move between sp and the zero register', src.column);
      return { word: word(ADD_IMM, sf(rd.width), rm.num << 5, rd.num) };
    }
    // C6.2 "MOV (register)": ORR Rd, ZR, Rm
    return { word: word(ORR_REG, sf(rd.width), rm.num << 16, 31 << 5, rd.num) };
  }
  // MOVZ/MOVN take ZR as register 31, ORR (bitmask immediate) takes SP.
  const rd = reg(dst, { r31: dst?.kind === 'reg' && dst.reg.isZr ? 'zr' : 'sp' }, site);
  const e = immOperand(src, site);
  const raw = constant(ctx, e);
  if (!fitsWidth(raw, rd.width)) fail(`immediate ${hex(raw)} out of range for a ${rd.width}-bit register`, e.column);
  const v = maskTo(raw, rd.width);
  if (!rd.isSp) {
    const z = wideChunk(v, rd.width);
    if (z) return { word: movWide(MOVZ, rd.width, rd.num, z.imm16, z.hw) };
    const n = wideChunk(maskTo(~v, rd.width), rd.width);
    if (n) return { word: movWide(MOVN, rd.width, rd.num, n.imm16, n.hw) };
  }
  if (rd.isZr) return fail(`immediate ${hex(raw)} cannot be moved to the zero register in one MOVZ/MOVN`, e.column);
  const bm = encodeBitmaskImmediate(v, rd.width);
  if (!bm) return fail(`immediate ${hex(raw)} cannot be moved in one instruction (not a wide or logical immediate)`, e.column);
  return { word: word(ORR_IMM, sf(rd.width), bm.n << 22, bm.immr << 16, bm.imms << 10, 31 << 5, rd.num) };
}
