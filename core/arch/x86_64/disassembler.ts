// Inst → text in the spelling of `objdump -d -M intel` (binutils 2.40), so the
// lab's disassembly view can be diffed against the host's objdump.

import { Inst, type OpRow } from './inst.js';
import { RIP_BASE, regName, REG64, REG32 } from './registers.js';
import { decode, TRUNCATED } from './decoder.js';
import type { X86Cpu } from './cpu.js';
import { callE, jmpE } from './exec-control.js';
import { CMP_PREDICATES } from './exec-sse-fp.js';

const PTR: Record<number, string> = { 1: 'BYTE PTR ', 2: 'WORD PTR ', 4: 'DWORD PTR ', 8: 'QWORD PTR ', 16: 'XMMWORD PTR ' };
const SEG_NAMES: Record<number, string> = { 0x26: 'es', 0x2e: 'cs', 0x36: 'ss', 0x3e: 'ds', 0x64: 'fs', 0x65: 'gs' };
const TWO64 = 18446744073709551616n;

/** Hex of a value as an unsigned number of `bits` bits, objdump style (0x…). */
function hex(v: number, bits: number): string {
  if (v >= 0) return '0x' + v.toString(16);
  return '0x' + (BigInt(v) + (1n << BigInt(bits))).toString(16);
}

function hex64(lo: number, hi: number): string {
  return '0x' + ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);
}

/** Unsigned 64-bit hex of a signed JS number (addresses). */
function addrHex(a: number): string {
  const b = BigInt(a);
  return '0x' + (b < 0n ? b + TWO64 : b).toString(16);
}

function mnemonic(row: OpRow, size: number): string {
  return typeof row.mn === 'string' ? row.mn : (row.mn[size] ?? row.mn[4]!);
}

function memText(i: Inst, addr: number, ptrSize: number): { text: string; comment: string } {
  const seg = i.seg !== 0 ? SEG_NAMES[i.seg]! + ':' : '';
  const regs = i.addr32 ? REG32 : REG64;
  const ptr = ptrSize === 0 ? '' : PTR[ptrSize]!;
  if (i.addr32 && i.hasSib && i.base === -1 && i.index === -1) {
    // objdump (i386-dis.c OP_E_memory): under 0x67, a SIB with neither base nor index
    // keeps eiz so `[eiz*1+0x5]` differs from `ds:0x5`; the disp32 is zero-extended.
    return { text: `${ptr}${seg}[eiz*${1 << i.scale}+${hex(i.disp >>> 0, 32)}]`, comment: '' };
  }
  if (i.base === -1 && i.index === -1 && !(i.hasSib && i.scale !== 0)) {
    // Absolute disp32: objdump spells it ds:0x… (or fs:/gs:).
    const v = i.addr32 ? hex(i.disp >>> 0, 32) : hex(i.disp, 64);
    return { text: `${ptr}${seg === '' ? 'ds:' : seg}${v}`, comment: '' };
  }
  let s = '';
  let comment = '';
  if (i.base === RIP_BASE) {
    s = i.addr32 ? 'eip' : 'rip';
    s += '+' + hex(i.disp, 64);
    const target = addr + i.len + i.disp;
    comment = '        # ' + addrHex(i.addr32 ? target % 4294967296 : target);
    return { text: `${ptr}${seg}[${s}]`, comment };
  }
  if (i.base >= 0) s = regs[i.base]!;
  if (i.index >= 0) s += (s === '' ? '' : '+') + regs[i.index]! + '*' + (1 << i.scale);
  else if (i.hasSib && (i.scale !== 0 || (i.base & 7) !== 4)) s += (s === '' ? '' : '+') + (i.addr32 ? 'eiz' : 'riz') + '*' + (1 << i.scale);
  const mod = i.base === -1 ? 2 : -1;
  if (i.disp !== 0 || mod === 2 || i.dispBytes !== 0) {
    if (i.disp < 0) s += '-' + hex(-i.disp, 64);
    else s += '+' + hex(i.disp, 64);
  }
  return { text: `${ptr}${seg}[${s}]`, comment };
}

function immText(i: Inst, o: string): string {
  switch (o) {
    case 'Ib':
    case 'Iw':
      return hex(i.imm, 32);
    case 'Iv':
      if (i.size === 8) return hex64(i.imm, i.immHi);
      return hex(i.imm, 32);
    default: // Ibs, Iz: the sign-extended value at operand size
      if (i.size === 8) return hex64(i.imm, i.immHi);
      return hex(i.imm, 32);
  }
}

/** objdump treats a 66 before these as consumed even when REX.W wins (its prefix tables list them). */
const SILENT_66 = new Set(['movsxd', 'bsf', 'bsr']);

/** Disassemble a decoded instruction located at `addr`. */
export function disassembleInst(i: Inst, addr: number): string {
  const row = i.row;
  if (row === null) return '(bad)';
  const ops = row.form === '' ? [] : row.form.split(',');
  const size = i.size;
  const out: string[] = [];
  let comment = '';
  for (const o of ops) {
    const k = o[0]!;
    const sz = o.endsWith('v') || o.endsWith('y') ? size : o.endsWith('b') ? 1 : o.endsWith('w') ? 2 : o.endsWith('d') ? 4 : o.endsWith('q') ? 8 : size;
    if (k === 'V') out.push('xmm' + i.reg);
    else if (k === 'W') {
      if (i.rm >= 0) out.push('xmm' + i.rm);
      else {
        const m = memText(i, addr, o === 'Wq' ? 8 : o === 'Wd' ? 4 : 16);
        out.push(m.text);
        comment = m.comment;
      }
    } else if (k === 'G' || k === 'Z') out.push(regName(sz, i.reg));
    else if (k === 'E' || k === 'M' || k === 'R') {
      if (i.rm >= 0) out.push(regName(k === 'R' ? 8 : sz, i.rm));
      else {
        const m = memText(i, addr, o === 'M' ? 0 : o === 'Mb' ? 1 : sz);
        out.push(m.text);
        comment = m.comment;
      }
    } else if (o === 'Cd') out.push('cr' + i.reg);
    else if (o === 'AL') out.push('al');
    else if (o === 'rAX') out.push(regName(size, 0));
    else if (o === 'CL') out.push('cl');
    else if (o === '1') out.push('1');
    else if (k === 'J') out.push(addrHex(addr + i.len + i.imm));
    else if (k === 'I') out.push(immText(i, o));
    else if (k === 'X') out.push(PTR[sz]! + (i.seg !== 0 ? SEG_NAMES[i.seg]! : 'ds') + ':[rsi]');
    else if (k === 'Y') out.push(PTR[sz]! + 'es:[rdi]');
  }
  let mn = mnemonic(row, size);
  if ((mn === 'cmpsd' || mn === 'cmpss') && i.imm < 8) {
    // objdump folds the predicate into the mnemonic: cmpltsd xmm0,xmm5
    mn = 'cmp' + CMP_PREDICATES[i.imm]! + mn.slice(3);
    out.pop();
  }
  const pre: string[] = [];
  // objdump treats 66 before movsxd as consumed even when REX.W wins.
  const sizedRow = ops.some((o) => o.endsWith('v') || o.endsWith('y') || o === 'rAX' || o === 'Iz') || typeof row.mn !== 'string';
  let used66 = row.pfx === 0x66 || (size === 2 && sizedRow) || SILENT_66.has(row.mn as string);
  for (const p of i.prefixes) {
    if (p === 0x66) {
      if (used66) used66 = false; // only the first 66 is consumed
      else pre.push('data16');
    } else if (p === 0xf3) {
      if (row.pfx === 0xf3) continue;
      pre.push(isString(row) ? (row.mn === 'cmps' || row.mn === 'scas' ? 'repz' : 'rep') : 'repz');
    } else if (p === 0xf2) {
      if (row.pfx === 0xf2) continue;
      pre.push(isString(row) ? 'repnz' : 'bnd');
    }
    else if (p === 0xf0) pre.push('lock');
    else if (p === 0x67) {
      if (!hasMemOperand(i, ops)) pre.push('addr32');
    } else if (p === 0x3e && (row.exec === callE || row.exec === jmpE)) pre.push('notrack'); // CET, as objdump spells it
    else if (p === 0x2e || p === 0x36 || p === 0x3e || p === 0x26) pre.push(SEG_NAMES[p]!);
    else if ((p === 0x64 || p === 0x65) && !hasMemOperand(i, ops)) pre.push(SEG_NAMES[p]!);
  }
  const rex = rexText(i, row, ops);
  if (rex !== '') pre.push(rex);
  if (pre.length !== 0) mn = pre.join(' ') + ' ' + mn;
  if (out.length === 0) return mn;
  return mn.padEnd(6) + ' ' + out.join(',') + comment;
}

function isString(row: OpRow): boolean {
  return /[XY]/.test(row.form);
}

function hasMemOperand(i: Inst, ops: string[]): boolean {
  if (ops.some((o) => o[0] === 'X' || o[0] === 'Y')) return true;
  return i.rm < 0 && ops.some((o) => o[0] === 'E' || o[0] === 'M' || o[0] === 'W');
}

/** objdump prints a REX prefix (as rex.WRXB) when any of its bits had no effect. */
function rexText(i: Inst, row: OpRow, ops: string[]): string {
  const rex = i.rex;
  if (rex === 0) return '';
  const bits = rex & 15;
  let used = 0;
  const sized = !row.d64 && !row.f64 && (ops.some((o) => o.endsWith('v') || o.endsWith('y') || o === 'rAX' || o === 'Iz') || typeof row.mn !== 'string');
  if (sized || row.rexW) used |= 8;
  if (ops.some((o) => o[0] === 'G' || o[0] === 'V' || o === 'Cd')) used |= 4;
  if (i.hasSib) used |= 2;
  const modrmRm = ops.some((o) => o[0] === 'E' || o[0] === 'M' || o[0] === 'R' || o[0] === 'W');
  if (ops.some((o) => o[0] === 'Z')) used |= 1;
  else if (modrmRm) used |= 1;
  if (bits === 0) {
    // A bare REX only matters when it turns ah..bh into spl..dil.
    const lowByte = (o: string, r: number): boolean => o.endsWith('b') && r >= 4 && r < 8;
    for (const o of ops) {
      if ((o[0] === 'G' || o[0] === 'Z') && lowByte(o, i.reg)) return '';
      if (o[0] === 'E' && i.rm >= 0 && lowByte(o, i.rm)) return '';
    }
    return 'rex';
  }
  if ((bits & ~used) === 0) return '';
  return 'rex.' + (bits & 8 ? 'W' : '') + (bits & 4 ? 'R' : '') + (bits & 2 ? 'X' : '') + (bits & 1 ? 'B' : '');
}

/** Disassemble the first instruction of `bytes`, as if it sat at `addr`. */
export function disassemble(bytes: Uint8Array, addr: number): { length: number; text: string } {
  const i = decode(bytes, 0, bytes.length);
  if (i === null || i === TRUNCATED) return { length: 1, text: '(bad)' };
  return { length: i.len, text: disassembleInst(i, addr) };
}

export interface DisassembledLine {
  addr: number;
  bytes: Uint8Array;
  length: number;
  text: string;
}

/** Disassemble `count` instructions at virtual `addr`, reading through the MMU without side effects. */
export function disassembleVirt(cpu: X86Cpu, addr: number, count: number): DisassembledLine[] {
  const out: DisassembledLine[] = [];
  let a = addr;
  for (let k = 0; k < count; k++) {
    const buf = new Uint8Array(15);
    let n = 0;
    for (; n < 15; n++) {
      const pa = cpu.mmu.probe(a + n, 0, false);
      if (typeof pa !== 'number') break;
      buf[n] = cpu.mem.bytes[pa]!;
    }
    if (n === 0) break;
    const inst = decode(buf, 0, n);
    const ok = inst !== null && inst !== TRUNCATED;
    const len = ok ? inst.len : 1;
    out.push({ addr: a, bytes: buf.slice(0, len), length: len, text: ok ? disassembleInst(inst, a) : '(bad)' });
    a += len;
  }
  return out;
}
