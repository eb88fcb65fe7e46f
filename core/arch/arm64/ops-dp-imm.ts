// Data processing (immediate): add/sub, logical, move wide, bitfield, extract,
// adr/adrp (ARM ARM C4.1.92). Each row executes and disassembles one class.
import { addc32, addc64, lsr64, ones64, res, shl64, fromNumber } from './alu.js';
import { logicalImmediate, VALID, WMASK_HI, WMASK_LO } from './bitmask.js';
import { undefinedInstruction } from './exceptions.js';
import { imm, rs, rz, signExtend, target } from './fmt.js';
import { setLogicFlags, setNZCV, sp31, wr, wrSp } from './regs.js';
import type { Arm64Cpu } from './cpu.js';
import type { InsnRow } from './types.js';

function addSubImmExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const sub = (w >>> 30) & 1;
  let v = (w >>> 10) & 0xfff;
  if ((w >>> 22) & 1) v *= 4096;
  const n = sp31((w >>> 5) & 31);
  const rd = w & 31;
  if (sf) {
    if (sub) addc64(c.xlo[n]!, c.xhi[n]!, ~v >>> 0, 0xffffffff, 1);
    else addc64(c.xlo[n]!, c.xhi[n]!, v, 0, 0);
  } else if (sub) addc32(c.xlo[n]!, ~v >>> 0, 1);
  else addc32(c.xlo[n]!, v, 0);
  if ((w >>> 29) & 1) {
    setNZCV(c);
    wr(c, rd, res[0], res[1]);
  } else wrSp(c, rd, res[0], res[1]);
}

function addSubImmDis(w: number): string {
  const is64 = w >>> 31 === 1;
  const sub = (w >>> 30) & 1;
  const s = (w >>> 29) & 1;
  const sh = (w >>> 22) & 1;
  const v = (w >>> 10) & 0xfff;
  const rn = (w >>> 5) & 31;
  const rd = w & 31;
  const shift = sh ? ', lsl #12' : '';
  if (!sub && !s && sh === 0 && v === 0 && (rd === 31 || rn === 31)) return `mov\t${rs(rd, is64)}, ${rs(rn, is64)}`;
  if (s && rd === 31) return `${sub ? 'cmp' : 'cmn'}\t${rs(rn, is64)}, ${imm(v)}${shift}`;
  const mn = (sub ? 'sub' : 'add') + (s ? 's' : '');
  return `${mn}\t${s ? rz(rd, is64) : rs(rd, is64)}, ${rs(rn, is64)}, ${imm(v)}${shift}`;
}

function logicImmExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const idx = (w >>> 10) & 0x1fff;
  if ((VALID[idx]! & (sf ? 1 : 2)) === 0) return undefinedInstruction(c);
  const mlo = WMASK_LO[idx]!;
  const mhi = sf ? WMASK_HI[idx]! : 0;
  const rn = (w >>> 5) & 31;
  const rd = w & 31;
  const alo = c.xlo[rn]!;
  const ahi = sf ? c.xhi[rn]! : 0;
  const opc = (w >>> 29) & 3;
  let lo: number;
  let hi: number;
  if (opc === 1) {
    lo = (alo | mlo) >>> 0;
    hi = (ahi | mhi) >>> 0;
  } else if (opc === 2) {
    lo = (alo ^ mlo) >>> 0;
    hi = (ahi ^ mhi) >>> 0;
  } else {
    lo = (alo & mlo) >>> 0;
    hi = (ahi & mhi) >>> 0;
  }
  if (opc === 3) {
    setLogicFlags(c, lo, hi, sf === 1);
    wr(c, rd, lo, hi);
  } else wrSp(c, rd, lo, hi);
}

/** MoveWidePreferred (ARM ARM shared pseudocode) decides the ORR → MOV alias. */
function moveWidePreferred(sf: number, n: number, imms: number, immr: number): boolean {
  const width = sf ? 64 : 32;
  if (sf === 1 && n !== 1) return false;
  if (sf === 0 && (n !== 0 || imms & 0x20)) return false;
  if (imms < 16) return (-immr & 15) <= 15 - imms;
  if (imms >= width - 15) return (immr & 15) <= imms - (width - 15);
  return false;
}

function logicImmDis(w: number): string | null {
  const is64 = w >>> 31 === 1;
  const opc = (w >>> 29) & 3;
  const n = (w >>> 22) & 1;
  const immr = (w >>> 16) & 0x3f;
  const imms = (w >>> 10) & 0x3f;
  const v = logicalImmediate(n, immr, imms, is64);
  if (v === null) return null;
  const rn = (w >>> 5) & 31;
  const rd = w & 31;
  if (opc === 1 && rn === 31 && !moveWidePreferred(is64 ? 1 : 0, n, imms, immr)) return `mov\t${rs(rd, is64)}, ${imm(v)}`;
  if (opc === 3 && rd === 31) return `tst\t${rz(rn, is64)}, ${imm(v)}`;
  const mn = ['and', 'orr', 'eor', 'ands'][opc]!;
  return `${mn}\t${opc === 3 ? rz(rd, is64) : rs(rd, is64)}, ${rz(rn, is64)}, ${imm(v)}`;
}

function moveWideExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const opc = (w >>> 29) & 3;
  const hw = (w >>> 21) & 3;
  if (opc === 1 || (sf === 0 && hw >= 2)) return undefinedInstruction(c);
  const v = (w >>> 5) & 0xffff;
  const rd = w & 31;
  if (rd === 31) return;
  let lo = hw === 0 ? v : hw === 1 ? (v << 16) >>> 0 : 0;
  let hi = hw === 2 ? v : hw === 3 ? (v << 16) >>> 0 : 0;
  if (opc === 3) {
    // MOVK keeps the other bits (ARM ARM C6.2.192).
    const keepLo = hw === 0 ? 0xffff0000 : hw === 1 ? 0x0000ffff : 0xffffffff;
    const keepHi = hw === 2 ? 0xffff0000 : hw === 3 ? 0x0000ffff : 0xffffffff;
    lo = ((c.xlo[rd]! & keepLo) | lo) >>> 0;
    hi = sf ? ((c.xhi[rd]! & keepHi) | hi) >>> 0 : 0;
  } else if (opc === 0) {
    lo = ~lo >>> 0;
    hi = sf ? ~hi >>> 0 : 0;
  }
  c.xlo[rd] = lo;
  c.xhi[rd] = hi;
}

function moveWideDis(w: number): string | null {
  const is64 = w >>> 31 === 1;
  const opc = (w >>> 29) & 3;
  const hw = (w >>> 21) & 3;
  if (opc === 1 || (!is64 && hw >= 2)) return null;
  const v = (w >>> 5) & 0xffff;
  const rd = rz(w & 31, is64);
  const sh = hw ? `, lsl #${hw * 16}` : '';
  if (opc === 3) return `movk\t${rd}, ${imm(v)}${sh}`;
  const shifted = BigInt(v) << BigInt(hw * 16);
  if (opc === 2) return v === 0 && hw !== 0 ? `movz\t${rd}, ${imm(v)}${sh}` : `mov\t${rd}, ${imm(shifted)}`;
  if ((v === 0 && hw !== 0) || (!is64 && v === 0xffff)) return `movn\t${rd}, ${imm(v)}${sh}`;
  const mask = is64 ? 0xffffffffffffffffn : 0xffffffffn;
  return `mov\t${rd}, ${imm(~shifted & mask)}`;
}

function ones32(width: number): number {
  return width >= 32 ? 0xffffffff : ((1 << width) - 1) >>> 0;
}

function bitfieldExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const opc = (w >>> 29) & 3;
  const n = (w >>> 22) & 1;
  const r = (w >>> 16) & 0x3f;
  const s = (w >>> 10) & 0x3f;
  if (opc === 3 || n !== sf || (sf === 0 && (r | s) & 0x20)) return undefinedInstruction(c);
  const rn = (w >>> 5) & 31;
  const rd = w & 31;
  const size = sf ? 64 : 32;
  const width = s >= r ? s - r + 1 : s + 1;
  const pos = s >= r ? 0 : size - r;
  let lo: number;
  let hi: number;
  if (sf) {
    if (s >= r) lsr64(c.xlo[rn]!, c.xhi[rn]!, r);
    else shl64(c.xlo[rn]!, c.xhi[rn]!, 0);
    const vlo = res[0];
    const vhi = res[1];
    ones64(width);
    shl64((vlo & res[0]) >>> 0, (vhi & res[1]) >>> 0, pos);
    lo = res[0];
    hi = res[1];
    if (opc === 0) {
      const top = pos + width - 1; // SBFM: replicate the field's top bit upwards
      const bit = top < 32 ? (lo >>> top) & 1 : (hi >>> (top - 32)) & 1;
      if (bit && top < 63) {
        ones64(top + 1);
        lo = (lo | ~res[0]) >>> 0;
        hi = (hi | ~res[1]) >>> 0;
      }
    } else if (opc === 1) {
      ones64(width);
      shl64(res[0], res[1], pos);
      lo = ((c.xlo[rd]! & ~res[0]) | lo) >>> 0;
      hi = ((c.xhi[rd]! & ~res[1]) | hi) >>> 0;
    }
  } else {
    const src = c.xlo[rn]!;
    const m = ones32(width);
    lo = s >= r ? (src >>> r) & m : ((src & m) << pos) >>> 0;
    lo >>>= 0;
    hi = 0;
    if (opc === 0) {
      const top = pos + width - 1;
      if ((lo >>> top) & 1 && top < 31) lo = (lo | ~ones32(top + 1)) >>> 0;
    } else if (opc === 1) {
      const fm = (m << pos) >>> 0;
      lo = ((c.xlo[rd]! & ~fm) | lo) >>> 0;
    }
  }
  wr(c, rd, lo, hi);
}

/** BFXPreferred (ARM ARM shared pseudocode). */
function bfxPreferred(sf: number, uns: number, imms: number, immr: number): boolean {
  if (imms < immr) return false;
  if (imms === (sf ? 63 : 31)) return false;
  if (immr === 0) {
    if (sf === 0 && (imms === 7 || imms === 15)) return false;
    if (sf === 1 && uns === 0 && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

function bitfieldDis(w: number): string | null {
  const sf = w >>> 31;
  const is64 = sf === 1;
  const opc = (w >>> 29) & 3;
  const n = (w >>> 22) & 1;
  const r = (w >>> 16) & 0x3f;
  const s = (w >>> 10) & 0x3f;
  if (opc === 3 || n !== sf || (sf === 0 && (r | s) & 0x20)) return null;
  const size = is64 ? 64 : 32;
  const rd = rz(w & 31, is64);
  const rnNum = (w >>> 5) & 31;
  const rn = rz(rnNum, is64);
  const field = (lsb: number, width: number): string => `${rd}, ${rn}, #${lsb}, #${width}`;
  if (opc === 0) {
    if (s === size - 1) return `asr\t${rd}, ${rn}, #${r}`;
    if (s < r) return `sbfiz\t${field(size - r, s + 1)}`;
    if (bfxPreferred(sf, 0, s, r)) return `sbfx\t${field(r, s - r + 1)}`;
    if (r === 0 && (s === 7 || s === 15 || s === 31)) return `${s === 7 ? 'sxtb' : s === 15 ? 'sxth' : 'sxtw'}\t${rd}, ${rz(rnNum, false)}`;
    return `sbfm\t${rd}, ${rn}, #${r}, #${s}`;
  }
  if (opc === 1) {
    if (s < r && rnNum === 31) return `bfc\t${rd}, #${size - r}, #${s + 1}`;
    if (s < r) return `bfi\t${field(size - r, s + 1)}`;
    return `bfxil\t${field(r, s - r + 1)}`;
  }
  if (s !== size - 1 && s + 1 === r) return `lsl\t${rd}, ${rn}, #${size - 1 - s}`;
  if (s === size - 1) return `lsr\t${rd}, ${rn}, #${r}`;
  if (s < r) return `ubfiz\t${field(size - r, s + 1)}`;
  if (bfxPreferred(sf, 1, s, r)) return `ubfx\t${field(r, s - r + 1)}`;
  if (r === 0 && (s === 7 || s === 15)) return `${s === 7 ? 'uxtb' : 'uxth'}\t${rd}, ${rz(rnNum, false)}`;
  return `ubfm\t${rd}, ${rn}, #${r}, #${s}`;
}

function extrExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const sf = w >>> 31;
  const n = (w >>> 22) & 1;
  const lsb = (w >>> 10) & 0x3f;
  if ((w >>> 29) & 3 || (w >>> 21) & 1 || n !== sf || (sf === 0 && lsb >= 32)) return undefinedInstruction(c);
  const rm = (w >>> 16) & 31;
  const rn = (w >>> 5) & 31;
  const rd = w & 31;
  if (sf) {
    if (lsb === 0) return wr(c, rd, c.xlo[rm]!, c.xhi[rm]!);
    lsr64(c.xlo[rm]!, c.xhi[rm]!, lsb);
    const lo = res[0];
    const hi = res[1];
    shl64(c.xlo[rn]!, c.xhi[rn]!, 64 - lsb);
    wr(c, rd, (lo | res[0]) >>> 0, (hi | res[1]) >>> 0);
  } else {
    const v = lsb === 0 ? c.xlo[rm]! : ((c.xlo[rm]! >>> lsb) | (c.xlo[rn]! << (32 - lsb))) >>> 0;
    wr(c, rd, v, 0);
  }
}

function extrDis(w: number): string | null {
  const sf = w >>> 31;
  const is64 = sf === 1;
  const lsb = (w >>> 10) & 0x3f;
  if ((w >>> 29) & 3 || (w >>> 21) & 1 || ((w >>> 22) & 1) !== sf || (!is64 && lsb >= 32)) return null;
  const rm = (w >>> 16) & 31;
  const rn = (w >>> 5) & 31;
  if (rm === rn) return `ror\t${rz(w & 31, is64)}, ${rz(rn, is64)}, #${lsb}`;
  return `extr\t${rz(w & 31, is64)}, ${rz(rn, is64)}, ${rz(rm, is64)}, #${lsb}`;
}

function adrOffset(w: number): number {
  return signExtend((((w >>> 5) & 0x7ffff) << 2) | ((w >>> 29) & 3), 21);
}

function adrExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const pc = c.insnPc;
  const v = w >>> 31 ? pc - (pc & 0xfff) + adrOffset(w) * 4096 : pc + adrOffset(w);
  fromNumber(v);
  wr(c, w & 31, res[0], res[1]);
}

function adrDis(w: number, addr: number): string {
  const page = w >>> 31 === 1;
  const t = page ? addr - (addr & 0xfff) + adrOffset(w) * 4096 : addr + adrOffset(w);
  return `${page ? 'adrp' : 'adr'}\t${rz(w & 31, true)}, ${target(t)}`;
}

export const DP_IMM_ROWS: InsnRow[] = [
  { mask: 0x1f800000, value: 0x11000000, form: 'add-sub-imm', exec: addSubImmExec, disasm: addSubImmDis },
  { mask: 0x1f800000, value: 0x12000000, form: 'logic-imm', exec: logicImmExec, disasm: logicImmDis },
  { mask: 0x1f800000, value: 0x12800000, form: 'move-wide', exec: moveWideExec, disasm: moveWideDis },
  { mask: 0x1f800000, value: 0x13000000, form: 'bitfield', exec: bitfieldExec, disasm: bitfieldDis },
  { mask: 0x1f800000, value: 0x13800000, form: 'extract', exec: extrExec, disasm: extrDis },
  { mask: 0x1f000000, value: 0x10000000, form: 'adr', exec: adrExec, disasm: adrDis },
];
