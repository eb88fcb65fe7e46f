// Bytes → Inst, driven by the opcode table. Legacy prefixes, REX, ModRM, SIB,
// displacements and immediates per SDM Vol 2A chapter 2. The decoder never throws:
// it returns null for an undefined opcode (#UD) and TRUNCATED when it ran out of bytes.

import { Inst, StackMember, type Handler, type OpRow } from './inst.js';
import { OPCODE_ROWS } from './opcode-table.js';
import { RIP_BASE } from './registers.js';
import { xchgEG } from './exec-move.js';
import { raiseGp } from './system-instructions.js';
import { specialize, stackMemberOf } from './exec-fast.js';

interface DecRow {
  row: OpRow;
  ops: string[];
  byteOp: boolean;
  modrm: boolean;
}

function prepare(row: OpRow): DecRow {
  const ops = row.form === '' ? [] : row.form.split(',');
  const hasV = ops.some((o) => o.endsWith('v') || o === 'rAX' || o === 'Iz');
  const hasB = ops.some((o) => /^[EGZXY]b$/.test(o) || o === 'AL');
  const modrm =
    row.ext !== undefined || row.modrm !== undefined || ops.some((o) => /^[EGMRVW]/.test(o) || o === 'Cd');
  return { row, ops, byteOp: hasB && !hasV, modrm };
}

const TABLES: DecRow[][][] = [[], []];
for (const row of OPCODE_ROWS) {
  const t = TABLES[row.map]!;
  (t[row.opcode] ??= []).push(prepare(row));
}
const XCHG_90 = prepare({ map: 0, opcode: 0x90, mn: 'xchg', form: 'Zv,rAX', exec: xchgEG });

/** Returned when the bytes end before the instruction does (e.g. it crosses into an unmapped page). */
export const TRUNCATED = new Inst(raiseGp);

/** An instruction longer than 15 bytes raises #GP(0) (SDM Vol 2A 2.3.11). */
function tooLong(len: number): Inst {
  const i = new Inst(raiseGp);
  i.len = len;
  return i;
}

const isLegacyPrefix = (c: number): boolean =>
  c === 0x66 || c === 0x67 || c === 0xf2 || c === 0xf3 || c === 0xf0 || c === 0x2e || c === 0x36 || c === 0x3e || c === 0x26 || c === 0x64 || c === 0x65;

export function decode(b: Uint8Array, start: number, end: number): Inst | null {
  let p = start;
  let rex = 0;
  let opsize = false;
  let addr32 = false;
  let rep = 0;
  let seg = 0;
  const prefixes: number[] = [];
  for (;;) {
    if (p >= end) return TRUNCATED;
    if (p - start >= 15) return tooLong(16);
    const c = b[p]!;
    if (isLegacyPrefix(c)) {
      prefixes.push(c);
      rex = 0; // a REX prefix followed by a legacy prefix is ignored
      if (c === 0x66) opsize = true;
      else if (c === 0x67) addr32 = true;
      else if (c === 0xf2 || c === 0xf3) rep = c;
      else if (c === 0x64 || c === 0x65) seg = c;
      p++;
      continue;
    }
    if ((c & 0xf0) === 0x40) {
      rex = c;
      p++;
      continue;
    }
    break;
  }
  let map = 0;
  let opc = b[p++]!;
  if (opc === 0x0f) {
    if (p >= end) return TRUNCATED;
    map = 1;
    opc = b[p++]!;
  }
  const cands = TABLES[map]![opc];
  if (cands === undefined) return null;
  let m = -1;
  if (cands[0]!.modrm) {
    if (p >= end) return TRUNCATED;
    m = b[p++]!;
  }
  let d: DecRow | undefined;
  for (const c of cands) {
    const r = c.row;
    if (r.pfx !== undefined && !(r.pfx === 0x66 ? opsize : rep === r.pfx)) continue;
    if (r.rexW && (rex & 8) === 0) continue;
    if (r.no66 && opsize) continue;
    if (r.noRep && rep !== 0) continue;
    if (r.ext !== undefined && ((m >> 3) & 7) !== r.ext) continue;
    if (r.mod === 'mem' && m >= 0xc0) continue;
    if (r.mod === 'reg' && m < 0xc0) continue;
    if (r.modrm !== undefined && m !== r.modrm) continue;
    d = c;
    break;
  }
  if (d === undefined) return null;
  if (m >= 0xc0 && d.ops.some((o) => o[0] === 'M')) return null; // memory-only form with a register: #UD
  if (map === 0 && opc === 0x90 && d.row.mn === 'nop' && ((rex & 1) !== 0 || opsize)) d = XCHG_90;
  const row = d.row;
  const inst = new Inst(row.exec as Handler);
  inst.row = row;
  inst.op = row.op ?? 0;
  inst.rep = rep;
  inst.rex = rex;
  inst.prefixes = prefixes;
  inst.addr32 = addr32;
  inst.seg = seg;
  let size: number;
  if (d.byteOp) size = 1;
  else if (row.f64 || (rex & 8) !== 0) size = 8;
  else if (opsize && row.pfx !== 0x66) size = 2;
  else if (row.d64) size = 8;
  else size = 4;
  inst.size = size;
  inst.opsize16 = opsize;
  const byteReg = (r: number): number => (rex === 0 && r >= 4 && r < 8 ? r + 12 : r);

  for (const o of d.ops) {
    const k = o[0]!;
    if (k === 'V') inst.reg = ((m >> 3) & 7) | ((rex & 4) << 1);
    else if (k === 'G' || o === 'Cd') {
      const r = ((m >> 3) & 7) | ((rex & 4) << 1);
      inst.reg = o === 'Gb' ? byteReg(r) : r;
    } else if (k === 'Z') {
      const r = (opc & 7) | ((rex & 1) << 3);
      inst.reg = o === 'Zb' ? byteReg(r) : r;
    } else if (k === 'R' || ((k === 'E' || k === 'M' || k === 'W') && m >= 0xc0)) {
      const r = (m & 7) | ((rex & 1) << 3);
      inst.rm = o === 'Eb' ? byteReg(r) : r;
    } else if (k === 'E' || k === 'M' || k === 'W') {
      // ModRM memory operand, SDM Vol 2A Tables 2-2, 2-3.
      const mod = m >> 6;
      let rmf = m & 7;
      inst.rm = -1;
      if (rmf === 4) {
        if (p >= end) return TRUNCATED;
        const s = b[p++]!;
        inst.scale = s >> 6;
        const idx = ((s >> 3) & 7) | ((rex & 2) << 2);
        inst.index = idx === 4 ? -1 : idx;
        rmf = s & 7;
        inst.base = rmf === 5 && mod === 0 ? -1 : rmf | ((rex & 1) << 3);
        inst.hasSib = true;
        if (rmf === 5 && mod === 0) {
          if (p + 4 > end) return TRUNCATED;
          inst.dispBytes = 4;
          inst.disp = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
          p += 4;
        }
      } else if (rmf === 5 && mod === 0) {
        inst.base = RIP_BASE;
        inst.dispBytes = 4;
        if (p + 4 > end) return TRUNCATED;
        inst.disp = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
        p += 4;
      } else inst.base = rmf | ((rex & 1) << 3);
      if (mod === 1) {
        if (p >= end) return TRUNCATED;
        inst.disp = (b[p++]! << 24) >> 24;
        inst.dispBytes = 1;
      } else if (mod === 2) {
        if (p + 4 > end) return TRUNCATED;
        inst.dispBytes = 4;
        inst.disp = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
        p += 4;
      }
    } else if (o === 'AL' || o === 'rAX') {
      if (d.ops[0] === o) inst.rm = 0;
    } else if (o === 'CL') inst.imm2 = 1;
    else if (o === '1') inst.imm = 1;
    else if (k === 'I' || k === 'J') {
      let n: number;
      if (o === 'Ib' || o === 'Ibs' || o === 'Jb') n = 1;
      else if (o === 'Iw') n = 2;
      else if (o === 'Iz') n = size === 2 ? 2 : 4;
      else if (o === 'Jz') n = 4;
      else n = size; // Iv
      if (p + n > end) return TRUNCATED;
      let v = 0;
      for (let j = 0; j < Math.min(n, 4); j++) v |= b[p + j]! << (8 * j);
      let vh = 0;
      if (n === 8) vh = b[p + 4]! | (b[p + 5]! << 8) | (b[p + 6]! << 16) | (b[p + 7]! << 24);
      p += n;
      if (o === 'Ib' || o === 'Iw') inst.imm = v;
      else if (o === 'Jb') inst.imm = (v << 24) >> 24;
      else if (o === 'Jz') inst.imm = v;
      else {
        // Sign-extend to the operand size.
        const s = n === 1 ? (v << 24) >> 24 : n === 2 ? (v << 16) >> 16 : v | 0;
        if (n === 8) {
          inst.imm = v | 0;
          inst.immHi = vh | 0;
        } else if (size === 8) {
          inst.imm = s;
          inst.immHi = s < 0 ? -1 : 0;
        } else inst.imm = size === 4 ? s >>> 0 : s & (size === 2 ? 0xffff : 0xff);
      }
    }
  }
  if (d.ops[0] === 'Zv' && d.ops[1] === 'rAX') inst.rm = 0;
  const len = p - start;
  if (len > 15) return tooLong(len);
  inst.len = len;
  inst.exec = specialize(inst);
  inst.stackMember = stackMemberOf(inst);
  if (inst.stackMember !== StackMember.None) inst.stackRun = undefined;
  return inst;
}
