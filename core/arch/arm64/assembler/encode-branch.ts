// Branches and PC-relative address computation (ARM ARM C4.1.x "Branches,
// Exception Generating and System instructions", "PC-rel. addressing"). Every
// target becomes a fixup: the front end resolves local targets itself and
// leaves the rest to the linker as the relocation named here.

import type { Arm64RelocName, Encoded, EncodeCtx } from './encoding-types.js';
import { COND_CODES, constInRange, expectCount, fail, immOperand, reg, word, type InsnSite } from './encode-util.js';
import type { ExprText, Operand } from './operands.js';

function target(op: Operand | undefined, site: InsnSite): ExprText {
  if (!op) return fail(`too few operands for '${site.mnemonic}'`, site.column);
  if (op.kind !== 'imm') return fail('expected a branch target (label or expression)', op.column);
  if (op.expr.reloc !== undefined) return fail(`relocation operator ':${op.expr.reloc}:' is not allowed for '${site.mnemonic}'`, op.expr.column);
  return op.expr;
}

function withFixup(w: number, reloc: Arm64RelocName, expr: ExprText): Encoded {
  return { word: w >>> 0, fixup: { reloc, expr } };
}

export function encodeB(op: 'b' | 'bl', ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, 1, 1, site);
  return withFixup(op === 'b' ? 0x14000000 : 0x94000000, op === 'b' ? 'R_AARCH64_JUMP26' : 'R_AARCH64_CALL26', target(ops[0], site));
}

/** `b.cond` and the legacy spelling `bcond` (GNU as accepts `beq`). */
export function condOfBranch(mnemonic: string): number | undefined {
  const m = /^b(\.?)([a-z]{2})$/.exec(mnemonic);
  if (!m) return undefined;
  const c = COND_CODES[m[2] ?? ''];
  // GNU as takes the dotless spelling for every condition except al and nv.
  if (c !== undefined && m[1] === '' && c >= 14) return undefined;
  return c;
}

export function encodeBCond(cond: number, ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, 1, 1, site);
  return withFixup(word(0x54000000, cond), 'R_AARCH64_CONDBR19', target(ops[0], site));
}

export function encodeCbz(op: 'cbz' | 'cbnz', ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, 2, 2, site);
  const rt = reg(ops[0], {}, site);
  const base = (op === 'cbz' ? 0x34000000 : 0x35000000) | (rt.width === 64 ? 0x80000000 : 0);
  return withFixup(word(base, rt.num), 'R_AARCH64_CONDBR19', target(ops[1], site));
}

export function encodeTbz(op: 'tbz' | 'tbnz', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 3, 3, site);
  const rt = reg(ops[0], {}, site);
  const bit = constInRange(ctx, immOperand(ops[1], site), 0, rt.width - 1, 'bit number');
  const b5 = bit >> 5;
  const base = op === 'tbz' ? 0x36000000 : 0x37000000;
  return withFixup(word(base, b5 << 31, (bit & 31) << 19, rt.num), 'R_AARCH64_TSTBR14', target(ops[2], site));
}

export function encodeBranchReg(op: 'br' | 'blr' | 'ret', ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, op === 'ret' ? 0 : 1, 1, site);
  const rn = ops[0] ? reg(ops[0], { width: 64 }, site).num : 30;
  const base = op === 'br' ? 0xd61f0000 : op === 'blr' ? 0xd63f0000 : 0xd65f0000;
  return { word: word(base, rn << 5) };
}

export function encodeAdr(op: 'adr' | 'adrp', ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, 2, 2, site);
  const rd = reg(ops[0], { width: 64 }, site);
  const t = ops[1];
  if (!t || t.kind !== 'imm') return fail('expected an address (label or expression)', t?.column ?? site.column);
  const e = t.expr;
  if (op === 'adrp') {
    if (e.reloc !== undefined && e.reloc !== 'pg_hi21') return fail(`relocation operator ':${e.reloc}:' is not allowed for 'adrp'`, e.column);
    return withFixup(word(0x90000000, rd.num), 'R_AARCH64_ADR_PREL_PG_HI21', { text: e.text, column: e.column, hash: e.hash });
  }
  if (e.reloc !== undefined) return fail(`relocation operator ':${e.reloc}:' is not allowed for 'adr'`, e.column);
  return withFixup(word(0x10000000, rd.num), 'R_AARCH64_ADR_PREL_LO21', e);
}
