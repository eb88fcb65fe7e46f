// More data processing: add/subtract with carry (ADC/SBC and the NGC alias),
// one-source operations (RBIT/REV/REV16/REV32/CLZ/CLS) and conditional
// compare (CCMP/CCMN, register and immediate). ARM ARM C4.1.x
// "Data-processing (register)".

import type { Encoded, EncodeCtx } from './encoding-types.js';
import { condition, constInRange, expectCount, fail, immOperand, reg, sf, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';

const CARRY: Readonly<Record<'adc' | 'adcs' | 'sbc' | 'sbcs', number>> = { adc: 0x1a000000, adcs: 0x3a000000, sbc: 0x5a000000, sbcs: 0x7a000000 };

export function encodeCarry(op: 'adc' | 'adcs' | 'sbc' | 'sbcs' | 'ngc' | 'ngcs', ops: readonly Operand[], site: InsnSite): Encoded {
  const neg = op === 'ngc' || op === 'ngcs';
  expectCount(ops, neg ? 2 : 3, neg ? 2 : 3, site);
  const rd = reg(ops[0], {}, site);
  const rn = neg ? 31 : reg(ops[1], { width: rd.width }, site).num;
  const rm = reg(ops[neg ? 1 : 2], { width: rd.width }, site);
  const base = op === 'ngc' ? CARRY.sbc : op === 'ngcs' ? CARRY.sbcs : CARRY[op];
  return { word: word(base, sf(rd.width), rm.num << 16, rn << 5, rd.num) };
}

/** opcode field (bits 15:10) of "Data-processing (1 source)"; rev is 2 (W) or 3 (X). */
const ONE_SOURCE: Readonly<Record<'rbit' | 'rev16' | 'rev32' | 'rev' | 'clz' | 'cls', number>> = { rbit: 0, rev16: 1, rev32: 2, rev: 3, clz: 4, cls: 5 };

export function encodeOneSource(op: 'rbit' | 'rev16' | 'rev32' | 'rev' | 'clz' | 'cls', ops: readonly Operand[], site: InsnSite): Encoded {
  expectCount(ops, 2, 2, site);
  const rd = reg(ops[0], op === 'rev32' ? { width: 64 } : {}, site);
  const rn = reg(ops[1], { width: rd.width }, site);
  const opcode = op === 'rev' && rd.width === 32 ? 2 : ONE_SOURCE[op];
  return { word: word(0x5ac00000, sf(rd.width), opcode << 10, rn.num << 5, rd.num) };
}

export function encodeCondCompare(op: 'ccmp' | 'ccmn', ops: readonly Operand[], ctx: EncodeCtx, site: InsnSite): Encoded {
  expectCount(ops, 4, 4, site);
  const rn = reg(ops[0], {}, site);
  const second = ops[1];
  const nzcv = constInRange(ctx, immOperand(ops[2], site), 0, 15, 'flags value');
  const cond = condition(ops[3], site);
  const base = (op === 'ccmp' ? 0x7a400000 : 0x3a400000) | sf(rn.width);
  if (second?.kind === 'imm') {
    const imm5 = constInRange(ctx, second.expr, 0, 31, 'immediate');
    return { word: word(base, 0x800, imm5 << 16, cond << 12, rn.num << 5, nzcv) };
  }
  if (!second) return fail(`too few operands for '${op}'`, site.column);
  const rm = reg(second, { width: rn.width }, site);
  return { word: word(base, rm.num << 16, cond << 12, rn.num << 5, nzcv) };
}
