// Data processing (register): logical and add/sub with shifted or extended
// register, and conditional select (ARM ARM C4.1.95).
import { addc32, addc64, res, shift32, shift64, shl64 } from './alu.js';
import type { Arm64Cpu } from './cpu.js';
import { undefinedInstruction } from './exceptions.js';
import { COND_NAMES, EXTEND_NAMES, SHIFT_NAMES, rs, rz } from './fmt.js';
import { condHolds, setLogicFlags, setNZCV, sp31, wr, wrSp } from './regs.js';
import type { InsnRow } from './types.js';

function logicRegExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const amt = (w >>> 10) & 0x3f;
  if (!sf && amt >= 32) return undefinedInstruction(c);
  const type = (w >>> 22) & 3;
  const rm = (w >>> 16) & 31;
  const rn = (w >>> 5) & 31;
  let blo: number;
  let bhi: number;
  if (sf) {
    shift64(c.xlo[rm]!, c.xhi[rm]!, type, amt);
    blo = res[0];
    bhi = res[1];
  } else {
    blo = shift32(c.xlo[rm]!, type, amt);
    bhi = 0;
  }
  if ((w >>> 21) & 1) {
    blo = ~blo >>> 0;
    bhi = sf ? ~bhi >>> 0 : 0;
  }
  const alo = c.xlo[rn]!;
  const ahi = sf ? c.xhi[rn]! : 0;
  const opc = (w >>> 29) & 3;
  let lo: number;
  let hi: number;
  if (opc === 1) {
    lo = (alo | blo) >>> 0;
    hi = (ahi | bhi) >>> 0;
  } else if (opc === 2) {
    lo = (alo ^ blo) >>> 0;
    hi = (ahi ^ bhi) >>> 0;
  } else {
    lo = (alo & blo) >>> 0;
    hi = (ahi & bhi) >>> 0;
  }
  if (opc === 3) setLogicFlags(c, lo, hi, sf === 1);
  wr(c, w & 31, lo, hi);
}

function shiftSuffix(type: number, amt: number): string {
  return type === 0 && amt === 0 ? '' : `, ${SHIFT_NAMES[type]} #${amt}`;
}

function logicRegDis(w: number): string | null {
  const is64 = w >>> 31 === 1;
  const amt = (w >>> 10) & 0x3f;
  if (!is64 && amt >= 32) return null;
  const type = (w >>> 22) & 3;
  const opc = ((w >>> 28) & 6) | ((w >>> 21) & 1);
  const rm = rz((w >>> 16) & 31, is64);
  const rnNum = (w >>> 5) & 31;
  const rdNum = w & 31;
  const sh = shiftSuffix(type, amt);
  if (opc === 2 && rnNum === 31 && amt === 0 && type === 0) return `mov\t${rz(rdNum, is64)}, ${rm}`;
  if (opc === 3 && rnNum === 31) return `mvn\t${rz(rdNum, is64)}, ${rm}${sh}`;
  if (opc === 6 && rdNum === 31) return `tst\t${rz(rnNum, is64)}, ${rm}${sh}`;
  const mn = ['and', 'bic', 'orr', 'orn', 'eor', 'eon', 'ands', 'bics'][opc]!;
  return `${mn}\t${rz(rdNum, is64)}, ${rz(rnNum, is64)}, ${rm}${sh}`;
}

function addSubCore(w: number, alo: number, ahi: number, blo: number, bhi: number): void {
  const sf = w >>> 31;
  const sub = (w >>> 30) & 1;
  if (sf) {
    if (sub) addc64(alo, ahi, ~blo >>> 0, ~bhi >>> 0, 1);
    else addc64(alo, ahi, blo, bhi, 0);
  } else if (sub) addc32(alo, ~blo >>> 0, 1);
  else addc32(alo, blo, 0);
}

function addSubShiftExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const type = (w >>> 22) & 3;
  const amt = (w >>> 10) & 0x3f;
  if (type === 3 || (!sf && amt >= 32)) return undefinedInstruction(c);
  const rm = (w >>> 16) & 31;
  const rn = (w >>> 5) & 31;
  if (sf) {
    shift64(c.xlo[rm]!, c.xhi[rm]!, type, amt);
    addSubCore(w, c.xlo[rn]!, c.xhi[rn]!, res[0], res[1]);
  } else addSubCore(w, c.xlo[rn]!, 0, shift32(c.xlo[rm]!, type, amt), 0);
  if ((w >>> 29) & 1) setNZCV(c);
  wr(c, w & 31, res[0], res[1]);
}

function addSubShiftDis(w: number): string | null {
  const is64 = w >>> 31 === 1;
  const type = (w >>> 22) & 3;
  const amt = (w >>> 10) & 0x3f;
  if (type === 3 || (!is64 && amt >= 32)) return null;
  const sub = (w >>> 30) & 1;
  const s = (w >>> 29) & 1;
  const rm = rz((w >>> 16) & 31, is64);
  const rnNum = (w >>> 5) & 31;
  const rdNum = w & 31;
  const sh = shiftSuffix(type, amt);
  if (s && rdNum === 31) return `${sub ? 'cmp' : 'cmn'}\t${rz(rnNum, is64)}, ${rm}${sh}`;
  if (sub && rnNum === 31) return `${s ? 'negs' : 'neg'}\t${rz(rdNum, is64)}, ${rm}${sh}`;
  return `${sub ? 'sub' : 'add'}${s ? 's' : ''}\t${rz(rdNum, is64)}, ${rz(rnNum, is64)}, ${rm}${sh}`;
}

/** ExtendReg (ARM ARM): extend the low bits of Rm then shift left by 0..4. */
export function extendReg(c: Arm64Cpu, rm: number, option: number, amt: number): void {
  let lo = c.xlo[rm]!;
  let hi = c.xhi[rm]!;
  switch (option) {
    case 0:
      lo &= 0xff;
      hi = 0;
      break;
    case 1:
      lo &= 0xffff;
      hi = 0;
      break;
    case 2:
      hi = 0;
      break;
    case 4:
      lo = ((lo << 24) >> 24) >>> 0;
      hi = (lo >> 31) >>> 0;
      break;
    case 5:
      lo = ((lo << 16) >> 16) >>> 0;
      hi = (lo >> 31) >>> 0;
      break;
    case 6:
      hi = (lo >> 31) >>> 0;
      break;
  }
  shl64(lo, hi, amt);
}

function addSubExtExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const amt = (w >>> 10) & 7;
  if (amt > 4 || (w >>> 22) & 3) return undefinedInstruction(c);
  const sf = w >>> 31;
  extendReg(c, (w >>> 16) & 31, (w >>> 13) & 7, amt);
  const n = sp31((w >>> 5) & 31);
  addSubCore(w, c.xlo[n]!, sf ? c.xhi[n]! : 0, res[0], sf ? res[1] : 0);
  if ((w >>> 29) & 1) {
    setNZCV(c);
    wr(c, w & 31, res[0], res[1]);
  } else wrSp(c, w & 31, res[0], res[1]);
}

function addSubExtDis(w: number): string | null {
  const amt = (w >>> 10) & 7;
  if (amt > 4 || (w >>> 22) & 3) return null;
  const is64 = w >>> 31 === 1;
  const sub = (w >>> 30) & 1;
  const s = (w >>> 29) & 1;
  const option = (w >>> 13) & 7;
  const rnNum = (w >>> 5) & 31;
  const rdNum = w & 31;
  const rm = rz((w >>> 16) & 31, is64 && (option & 3) === 3);
  // LSL is preferred for UXTX/UXTW (the register width) when SP is involved.
  const lslPreferred = (rnNum === 31 || (!s && rdNum === 31)) && option === (is64 ? 3 : 2);
  let ext: string;
  if (lslPreferred) ext = amt === 0 ? '' : `, lsl #${amt}`;
  else ext = `, ${EXTEND_NAMES[option]}${amt === 0 ? '' : ` #${amt}`}`;
  if (s && rdNum === 31) return `${sub ? 'cmp' : 'cmn'}\t${rs(rnNum, is64)}, ${rm}${ext}`;
  const rd = s ? rz(rdNum, is64) : rs(rdNum, is64);
  return `${sub ? 'sub' : 'add'}${s ? 's' : ''}\t${rd}, ${rs(rnNum, is64)}, ${rm}${ext}`;
}

function cselExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  if (w & 0x800) return undefinedInstruction(c); // op2<1> must be 0
  const sf = w >>> 31;
  const rd = w & 31;
  const rn = (w >>> 5) & 31;
  if (condHolds(c, (w >>> 12) & 15)) return wr(c, rd, c.xlo[rn]!, sf ? c.xhi[rn]! : 0);
  const rm = (w >>> 16) & 31;
  let lo = c.xlo[rm]!;
  let hi = sf ? c.xhi[rm]! : 0;
  const inv = (w >>> 30) & 1;
  const inc = (w >>> 10) & 1;
  if (inv) {
    lo = ~lo >>> 0;
    hi = sf ? ~hi >>> 0 : 0;
  }
  if (inc) {
    if (sf) {
      addc64(lo, hi, 1, 0, 0);
      lo = res[0];
      hi = res[1];
    } else lo = (lo + 1) >>> 0;
  }
  wr(c, rd, lo, hi);
}

function cselDis(w: number): string {
  const is64 = w >>> 31 === 1;
  const op = ((w >>> 29) & 2) | ((w >>> 10) & 1);
  const cond = (w >>> 12) & 15;
  const rm = (w >>> 16) & 31;
  const rn = (w >>> 5) & 31;
  const rd = rz(w & 31, is64);
  const inv = COND_NAMES[cond ^ 1]!;
  if (op !== 0 && cond < 14 && rm === rn) {
    if (op === 1 && rn === 31) return `cset\t${rd}, ${inv}`;
    if (op === 2 && rn === 31) return `csetm\t${rd}, ${inv}`;
    return `${['', 'cinc', 'cinv', 'cneg'][op]}\t${rd}, ${rz(rn, is64)}, ${inv}`;
  }
  return `${['csel', 'csinc', 'csinv', 'csneg'][op]}\t${rd}, ${rz(rn, is64)}, ${rz(rm, is64)}, ${COND_NAMES[cond]}`;
}

export const DP_REG_ROWS: InsnRow[] = [
  { mask: 0x1f000000, value: 0x0a000000, form: 'logic-shifted', exec: logicRegExec, disasm: logicRegDis },
  { mask: 0x1f200000, value: 0x0b000000, form: 'add-sub-shifted', exec: addSubShiftExec, disasm: addSubShiftDis },
  { mask: 0x1f200000, value: 0x0b200000, form: 'add-sub-extended', exec: addSubExtExec, disasm: addSubExtDis },
  { mask: 0x3fe00800, value: 0x1a800000, form: 'cond-select', exec: cselExec, disasm: cselDis, selfChecked: true },
];
