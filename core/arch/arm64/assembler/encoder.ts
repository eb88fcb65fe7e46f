// The AArch64 encoder's single entry point: mnemonic + operand text in, one
// 32-bit word (plus fixup or literal request) out. One row per mnemonic.

import { encodeAddSub, encodeCompare, encodeNeg } from './encode-arith.js';
import { encodeBitfield, encodeBitfieldAlias, encodeBitfieldClear, encodeExtendAlias, encodeExtr, encodeShift } from './encode-bitfield.js';
import { condOfBranch, encodeAdr, encodeB, encodeBCond, encodeBranchReg, encodeCbz, encodeTbz } from './encode-branch.js';
import { encodeCarry, encodeCondCompare, encodeOneSource } from './encode-dp-misc.js';
import { encodeCondSelect, encodeMultiply, type CondSelectOp, type MulOp } from './encode-dp-reg.js';
import { encodeExclusive, encodeExclusivePair, isExclusiveMnemonic } from './encode-exclusive.js';
import { encodeLoadStore, encodeLoadStorePair, type LoadStoreOp } from './encode-load-store.js';
import { encodeLogical, encodeMvn, encodeTst, type LogicalOp } from './encode-logical.js';
import { encodeMov, encodeMoveWide } from './encode-move.js';
import { encodeSystem, isSystemMnemonic } from './encode-system.js';
import type { Encoded, EncodeCtx } from './encoding-types.js';
import { fail, type InsnSite } from './encode-util.js';
import { parseOperands, type Operand } from './operands.js';

type Row = (ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite) => Encoded;

const ROWS = new Map<string, Row>();
const add = (names: readonly string[], make: (name: string) => Row): void => {
  for (const n of names) ROWS.set(n, make(n));
};

add(['movz', 'movn', 'movk'], (n) => (o, c, s) => encodeMoveWide(n as 'movz', o, c, s));
add(['mov'], () => encodeMov);
add(['add', 'adds', 'sub', 'subs'], (n) => (o, c, s) => encodeAddSub(n as 'add', o, c, s));
add(['cmp', 'cmn'], (n) => (o, c, s) => encodeCompare(n as 'cmp', o, c, s));
add(['neg', 'negs'], (n) => (o, c, s) => encodeNeg(n as 'neg', o, c, s));
add(['and', 'orr', 'eor', 'ands', 'bic', 'orn', 'eon', 'bics'], (n) => (o, c, s) => encodeLogical(n as LogicalOp, o, c, s));
add(['tst'], () => encodeTst);
add(['mvn'], () => encodeMvn);
add(['sbfm', 'bfm', 'ubfm'], (n) => (o, c, s) => encodeBitfield(n as 'bfm', o, c, s));
add(['lsl', 'lsr', 'asr', 'ror'], (n) => (o, c, s) => encodeShift(n as 'lsl', o, c, s));
add(['lslv', 'lsrv', 'asrv', 'rorv'], (n) => (o, c, s) => {
  if (o[2]?.kind !== 'reg') fail('expected a register', o[2]?.column ?? s.column);
  return encodeShift(n.slice(0, 3) as 'lsl', o, c, s);
});
add(['extr'], () => encodeExtr);
add(['ubfx', 'sbfx', 'bfxil', 'ubfiz', 'sbfiz', 'bfi'], (n) => (o, c, s) => encodeBitfieldAlias(n as 'ubfx', o, c, s));
add(['bfc'], () => encodeBitfieldClear);
add(['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw'], (n) => (o, _c, s) => encodeExtendAlias(n as 'uxtb', o, s));
add(
  ['madd', 'msub', 'mul', 'mneg', 'udiv', 'sdiv', 'smulh', 'umulh', 'smaddl', 'smsubl', 'umaddl', 'umsubl', 'smull', 'umull', 'smnegl', 'umnegl'],
  (n) => (o, _c, s) => encodeMultiply(n as MulOp, o, s),
);
add(['csel', 'csinc', 'csinv', 'csneg', 'cset', 'csetm', 'cinc', 'cinv', 'cneg'], (n) => (o, _c, s) => encodeCondSelect(n as CondSelectOp, o, s));
add(
  ['ldr', 'str', 'ldrb', 'strb', 'ldrh', 'strh', 'ldrsb', 'ldrsh', 'ldrsw', 'ldur', 'stur', 'ldurb', 'sturb', 'ldurh', 'sturh', 'ldursb', 'ldursh', 'ldursw',
    'ldtr', 'sttr', 'ldtrb', 'sttrb', 'ldtrh', 'sttrh', 'ldtrsb', 'ldtrsh', 'ldtrsw', 'prfm', 'prfum'],
  (n) => (o, c, s) => encodeLoadStore(n as LoadStoreOp, o, c, s),
);
add(['ldp', 'stp', 'ldpsw', 'ldnp', 'stnp'], (n) => (o, c, s) => encodeLoadStorePair(n as 'ldp', o, c, s));
add(['adc', 'adcs', 'sbc', 'sbcs', 'ngc', 'ngcs'], (n) => (o, _c, s) => encodeCarry(n as 'adc', o, s));
add(['rbit', 'rev16', 'rev32', 'rev', 'clz', 'cls'], (n) => (o, _c, s) => encodeOneSource(n as 'rev', o, s));
add(['ccmp', 'ccmn'], (n) => (o, c, s) => encodeCondCompare(n as 'ccmp', o, c, s));
add(['ldxp', 'ldaxp', 'stxp', 'stlxp'], (n) => (o, c, s) => encodeExclusivePair(n, o, c, s));
add(['b', 'bl'], (n) => (o, _c, s) => encodeB(n as 'b', o, s));
add(['cbz', 'cbnz'], (n) => (o, _c, s) => encodeCbz(n as 'cbz', o, s));
add(['tbz', 'tbnz'], (n) => (o, c, s) => encodeTbz(n as 'tbz', o, c, s));
add(['br', 'blr', 'ret'], (n) => (o, _c, s) => encodeBranchReg(n as 'br', o, s));
add(['adr', 'adrp'], (n) => (o, _c, s) => encodeAdr(n as 'adr', o, s));

/** true if `mnemonic` (lower case) is an instruction this encoder knows. */
export function isArm64Mnemonic(mnemonic: string): boolean {
  return ROWS.has(mnemonic) || isSystemMnemonic(mnemonic) || isExclusiveMnemonic(mnemonic) || condOfBranch(mnemonic) !== undefined;
}

/**
 * Encode one instruction. `operandColumn` is the 0-based column where
 * `operandText` starts in its source line; errors carry columns on that line.
 * Throws Arm64AsmError.
 */
export function encodeArm64(mnemonic: string, operandText: string, ctx: EncodeCtx, mnemonicColumn = 0, operandColumn = mnemonicColumn + mnemonic.length + 1): Encoded {
  const m = mnemonic.toLowerCase();
  const site: InsnSite = { mnemonic: m, column: mnemonicColumn };
  if (!isArm64Mnemonic(m)) return fail(`unknown mnemonic '${mnemonic}'`, mnemonicColumn);
  const ops = parseOperands(operandText, operandColumn);
  const row = ROWS.get(m);
  if (row) return row(ops, ctx, site);
  if (isSystemMnemonic(m)) return encodeSystem(m, ops, ctx, site);
  if (isExclusiveMnemonic(m)) return encodeExclusive(m, ops, ctx, site);
  const cond = condOfBranch(m);
  if (cond !== undefined) return encodeBCond(cond, ops, site);
  return fail(`unknown mnemonic '${mnemonic}'`, mnemonicColumn);
}
