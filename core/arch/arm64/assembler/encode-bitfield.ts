// Bitfield moves and their aliases (ARM ARM C6.2 "SBFM", "BFM", "UBFM",
// "EXTR"): LSL/LSR/ASR/ROR by immediate, UBFX/SBFX/BFXIL, UBFIZ/SBFIZ/BFI,
// UXTB/UXTH/SXTB/SXTH/SXTW; and the variable shifts LSLV/LSRV/ASRV/RORV that
// LSL/LSR/ASR/ROR with a register operand stand for.

import type { Encoded, EncodeCtx } from './encoding-types.js';
import { constInRange, expectCount, immOperand, reg, sf, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';
import type { GpReg } from './registers.js';

const BITFIELD_BASE: Readonly<Record<'sbfm' | 'bfm' | 'ubfm', number>> = { sbfm: 0x13000000, bfm: 0x33000000, ubfm: 0x53000000 };
const EXTR = 0x13800000;
const SHIFTV: Readonly<Record<'lsl' | 'lsr' | 'asr' | 'ror', number>> = { lsl: 0x1ac02000, lsr: 0x1ac02400, asr: 0x1ac02800, ror: 0x1ac02c00 };

function bitfield(op: 'sbfm' | 'bfm' | 'ubfm', rd: GpReg, rn: GpReg, immr: number, imms: number): Encoded {
  const n = rd.width === 64 ? 1 : 0;
  return { word: word(BITFIELD_BASE[op], sf(rd.width), n << 22, immr << 16, imms << 10, rn.num << 5, rd.num) };
}

export function encodeBitfield(op: 'sbfm' | 'bfm' | 'ubfm', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 4, 4, site);
  const rd = reg(ops[0], {}, site);
  const rn = reg(ops[1], { width: rd.width }, site);
  const immr = constInRange(ctx, immOperand(ops[2], site), 0, rd.width - 1, 'immr');
  const imms = constInRange(ctx, immOperand(ops[3], site), 0, rd.width - 1, 'imms');
  return bitfield(op, rd, rn, immr, imms);
}

/** lsl/lsr/asr/ror: immediate form via UBFM/SBFM/EXTR, register form via the V instructions. */
export function encodeShift(op: 'lsl' | 'lsr' | 'asr' | 'ror', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 3, 3, site);
  const rd = reg(ops[0], {}, site);
  const rn = reg(ops[1], { width: rd.width }, site);
  const third = ops[2];
  if (third?.kind === 'reg') {
    const rm = reg(third, { width: rd.width }, site);
    return { word: word(SHIFTV[op], sf(rd.width), rm.num << 16, rn.num << 5, rd.num) };
  }
  const w = rd.width;
  const s = constInRange(ctx, immOperand(third, site), 0, w - 1, 'shift amount');
  switch (op) {
    case 'lsl':
      return bitfield('ubfm', rd, rn, (w - s) % w, w - 1 - s);
    case 'lsr':
      return bitfield('ubfm', rd, rn, s, w - 1);
    case 'asr':
      return bitfield('sbfm', rd, rn, s, w - 1);
    case 'ror':
      return { word: word(EXTR, sf(w), (w === 64 ? 1 : 0) << 22, rn.num << 16, s << 10, rn.num << 5, rd.num) };
  }
}

export function encodeExtr(ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 4, 4, site);
  const rd = reg(ops[0], {}, site);
  const rn = reg(ops[1], { width: rd.width }, site);
  const rm = reg(ops[2], { width: rd.width }, site);
  const lsb = constInRange(ctx, immOperand(ops[3], site), 0, rd.width - 1, 'lsb');
  return { word: word(EXTR, sf(rd.width), (rd.width === 64 ? 1 : 0) << 22, rm.num << 16, lsb << 10, rn.num << 5, rd.num) };
}

type FieldAlias = 'ubfx' | 'sbfx' | 'bfxil' | 'ubfiz' | 'sbfiz' | 'bfi';

/** Field extract / insert aliases taking #lsb, #width. */
export function encodeBitfieldAlias(op: FieldAlias, ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 4, 4, site);
  const rd = reg(ops[0], {}, site);
  const rn = reg(ops[1], { width: rd.width }, site);
  const w = rd.width;
  const lsb = constInRange(ctx, immOperand(ops[2], site), 0, w - 1, 'lsb');
  const width = constInRange(ctx, immOperand(ops[3], site), 1, w - lsb, 'width');
  const base = op === 'ubfx' || op === 'ubfiz' ? 'ubfm' : op === 'sbfx' || op === 'sbfiz' ? 'sbfm' : 'bfm';
  if (op === 'ubfx' || op === 'sbfx' || op === 'bfxil') return bitfield(base, rd, rn, lsb, lsb + width - 1);
  return bitfield(base, rd, rn, (w - lsb) % w, width - 1);
}

/** BFC Rd, #lsb, #width: clear a field, i.e. BFI from the zero register (ARM ARM C6.2 "BFC", Armv8.2). */
export function encodeBitfieldClear(ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 3, 3, site);
  const rd = reg(ops[0], {}, site);
  const w = rd.width;
  const lsb = constInRange(ctx, immOperand(ops[1], site), 0, w - 1, 'lsb');
  const width = constInRange(ctx, immOperand(ops[2], site), 1, w - lsb, 'width');
  const zr: GpReg = { num: 31, width: w, isSp: false, isZr: true, name: w === 64 ? 'xzr' : 'wzr' };
  return bitfield('bfm', rd, zr, (w - lsb) % w, width - 1);
}

/**
 * uxtb/uxth/uxtw and sxtb/sxth/sxtw. GNU as also takes an X destination for
 * the unsigned forms and encodes the 32-bit instruction (writing Wd zeroes the
 * top half anyway); `uxtw Xd, Wn` becomes `mov Wd, Wn` (ORR with WZR).
 */
export function encodeExtendAlias(op: 'uxtb' | 'uxth' | 'uxtw' | 'sxtb' | 'sxth' | 'sxtw', ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, 2, 2, site);
  const signed = op.startsWith('s');
  const rd = reg(ops[0], op === 'sxtw' || op === 'uxtw' ? { width: 64 } : {}, site);
  const rn = reg(ops[1], { width: 32 }, site);
  if (op === 'uxtw') return { word: word(0x2a0003e0, rn.num << 16, rd.num) };
  const imms = op.endsWith('b') ? 7 : op.endsWith('h') ? 15 : 31;
  const dst: GpReg = signed ? rd : { ...rd, width: 32 };
  return bitfield(signed ? 'sbfm' : 'ubfm', dst, rn, 0, imms);
}
