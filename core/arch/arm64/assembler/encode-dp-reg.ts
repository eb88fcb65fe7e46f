// Register-only data processing: multiply-add family (ARM ARM C4.1.x
// "Data-processing (3 source)"), UDIV/SDIV ("2 source") and conditional
// select with its CSET/CSETM/CINC/CINV/CNEG aliases (C6.2 "CSINC").

import type { Encoded } from './encoding-types.js';
import { condition, expectCount, fail, reg, sf, word, type InsnSite } from './encode-util.js';
import type { Operand } from './operands.js';

const MADD = 0x1b000000;
const MSUB = 0x1b008000;
const DIV: Readonly<Record<'udiv' | 'sdiv', number>> = { udiv: 0x1ac00800, sdiv: 0x1ac00c00 };
const LONG: Readonly<Record<'smaddl' | 'smsubl' | 'umaddl' | 'umsubl', number>> = {
  smaddl: 0x9b200000, smsubl: 0x9b208000, umaddl: 0x9ba00000, umsubl: 0x9ba08000,
};
const HIGH: Readonly<Record<'smulh' | 'umulh', number>> = { smulh: 0x9b407c00, umulh: 0x9bc07c00 };

export type MulOp = 'madd' | 'msub' | 'mul' | 'mneg' | 'udiv' | 'sdiv' | 'smulh' | 'umulh'
  | 'smaddl' | 'smsubl' | 'umaddl' | 'umsubl' | 'smull' | 'umull' | 'smnegl' | 'umnegl';

export function encodeMultiply(op: MulOp, ops: readonly Operand[], site: InsnSite): Encoded {
  switch (op) {
    case 'madd':
    case 'msub': {
      expectCount(ops, 4, 4, site);
      const rd = reg(ops[0], {}, site);
      const rn = reg(ops[1], { width: rd.width }, site);
      const rm = reg(ops[2], { width: rd.width }, site);
      const ra = reg(ops[3], { width: rd.width }, site);
      return { word: word(op === 'madd' ? MADD : MSUB, sf(rd.width), rm.num << 16, ra.num << 10, rn.num << 5, rd.num) };
    }
    case 'mul':
    case 'mneg':
    case 'udiv':
    case 'sdiv': {
      expectCount(ops, 3, 3, site);
      const rd = reg(ops[0], {}, site);
      const rn = reg(ops[1], { width: rd.width }, site);
      const rm = reg(ops[2], { width: rd.width }, site);
      if (op === 'udiv' || op === 'sdiv') return { word: word(DIV[op], sf(rd.width), rm.num << 16, rn.num << 5, rd.num) };
      return { word: word(op === 'mul' ? MADD : MSUB, sf(rd.width), rm.num << 16, 31 << 10, rn.num << 5, rd.num) };
    }
    case 'smulh':
    case 'umulh': {
      expectCount(ops, 3, 3, site);
      const rd = reg(ops[0], { width: 64 }, site);
      const rn = reg(ops[1], { width: 64 }, site);
      const rm = reg(ops[2], { width: 64 }, site);
      return { word: word(HIGH[op], rm.num << 16, rn.num << 5, rd.num) };
    }
    case 'smaddl':
    case 'smsubl':
    case 'umaddl':
    case 'umsubl': {
      expectCount(ops, 4, 4, site);
      const rd = reg(ops[0], { width: 64 }, site);
      const rn = reg(ops[1], { width: 32 }, site);
      const rm = reg(ops[2], { width: 32 }, site);
      const ra = reg(ops[3], { width: 64 }, site);
      return { word: word(LONG[op], rm.num << 16, ra.num << 10, rn.num << 5, rd.num) };
    }
    case 'smull':
    case 'umull':
    case 'smnegl':
    case 'umnegl': {
      expectCount(ops, 3, 3, site);
      const rd = reg(ops[0], { width: 64 }, site);
      const rn = reg(ops[1], { width: 32 }, site);
      const rm = reg(ops[2], { width: 32 }, site);
      const base = op === 'smull' ? LONG.smaddl : op === 'umull' ? LONG.umaddl : op === 'smnegl' ? LONG.smsubl : LONG.umsubl;
      return { word: word(base, rm.num << 16, 31 << 10, rn.num << 5, rd.num) };
    }
  }
}

const CSEL: Readonly<Record<'csel' | 'csinc' | 'csinv' | 'csneg', number>> = {
  csel: 0x1a800000, csinc: 0x1a800400, csinv: 0x5a800000, csneg: 0x5a800400,
};

export type CondSelectOp = 'csel' | 'csinc' | 'csinv' | 'csneg' | 'cset' | 'csetm' | 'cinc' | 'cinv' | 'cneg';

export function encodeCondSelect(op: CondSelectOp, ops: readonly Operand[], site: InsnSite): Encoded {
  const build = (base: number, rdNum: number, rnNum: number, rmNum: number, cond: number, width: 32 | 64): Encoded => ({
    word: word(base, sf(width), rmNum << 16, cond << 12, rnNum << 5, rdNum),
  });
  if (op === 'csel' || op === 'csinc' || op === 'csinv' || op === 'csneg') {
    expectCount(ops, 4, 4, site);
    const rd = reg(ops[0], {}, site);
    const rn = reg(ops[1], { width: rd.width }, site);
    const rm = reg(ops[2], { width: rd.width }, site);
    return build(CSEL[op], rd.num, rn.num, rm.num, condition(ops[3], site), rd.width);
  }
  // The aliases invert the condition; AL and NV cannot be inverted (C6.2 "CSET").
  const invertible = (c: number, at: Operand | undefined): number => {
    if (c >= 14) fail(`condition '${c === 14 ? 'al' : 'nv'}' is not allowed for '${op}'`, at?.column ?? site.column);
    return c ^ 1;
  };
  if (op === 'cset' || op === 'csetm') {
    expectCount(ops, 2, 2, site);
    const rd = reg(ops[0], {}, site);
    const c = invertible(condition(ops[1], site), ops[1]);
    return build(op === 'cset' ? CSEL.csinc : CSEL.csinv, rd.num, 31, 31, c, rd.width);
  }
  expectCount(ops, 3, 3, site);
  const rd = reg(ops[0], {}, site);
  const rn = reg(ops[1], { width: rd.width }, site);
  const c = invertible(condition(ops[2], site), ops[2]);
  const base = op === 'cinc' ? CSEL.csinc : op === 'cinv' ? CSEL.csinv : CSEL.csneg;
  return build(base, rd.num, rn.num, rn.num, c, rd.width);
}
