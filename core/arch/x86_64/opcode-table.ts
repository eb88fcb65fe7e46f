// One row per instruction form (DESIGN.md): the decoder reads opcode/ext/form, the
// executor calls `exec`, the disassembler prints `mn` + `form`, and the objdump tests
// generate source from the same rows. Forms follow SDM Vol 2 Appendix A notation:
//   E/G ModRM r/m and reg, M memory only, Z register in the opcode, I immediate
//   (b byte, bs byte sign-extended, z 16/32 sign-extended, w word, v operand size),
//   J relative branch, C control register, R r/m register, X/Y ds:[rsi]/es:[rdi].
// Sizes: b w d q, v = operand size (16/32/64 by 66/REX.W, 64 by default with d64).

import type { OpRow } from './inst.js';
import { aluEG, aluGE, aluEI, incDecE, notE, negE } from './exec-alu.js';
import { shiftE } from './exec-shift.js';
import { mulDivE, imulGE, imulGEI, cbwFamily, cwdFamily } from './exec-muldiv.js';
import { movEG, movGE, movEI, movZI, lea, movzx, movsx, xchgEG, cmov, setcc, bt } from './exec-move.js';
import { pushZ, popZ, pushI, pushE, popE, leave } from './exec-stack.js';
import { jcc, jmpRel, jmpE, callRel, callE, ret, nop, loop, jrcxz } from './exec-control.js';
import { movs, stos, lods, scas, cmps } from './exec-string.js';
import { pushf, popf, sahf, lahf } from './exec-flags.js';
import { rotateCarry, shiftDouble } from './exec-rotate-carry.js';
import {
  syscall,
  sysret,
  intN,
  int3,
  iret,
  swapgs,
  hlt,
  cli,
  sti,
  cld,
  std,
  rdmsr,
  wrmsr,
  movFromCr,
  movToCr,
  invlpg,
  lidt,
  raiseUd,
  rdtsc,
  cpuid,
} from './system-instructions.js';
import { CC_NAMES } from './registers.js';
import { movLoad128, movStore128, pxor, movdToXmm, movdFromXmm, movqLoad, movqStore } from './exec-sse.js';
import { scalarCompare, scalarArith, movScalarLoad, movScalarStore, cvtIntToFp, cvtFpToInt, cvtFpFp, fpCompare, fpLogic } from './exec-sse-fp.js';
import { btFamily, bitScan, bswap, cmpxchg, xadd, stc, clc, cmc, zeroCount, popcnt } from './exec-bits.js';
import { ALU_NAMES } from './alu-flags.js';

const rows: OpRow[] = [];
const add = (r: OpRow): void => {
  rows.push(r);
};

// ALU block 00-3F: add or adc sbb and sub xor cmp (SDM Vol 2 Table A-2).
for (let op = 0; op < 8; op++) {
  const base = op * 8;
  const mn = ALU_NAMES[op]!;
  add({ map: 0, opcode: base, mn, form: 'Eb,Gb', exec: aluEG, op });
  add({ map: 0, opcode: base + 1, mn, form: 'Ev,Gv', exec: aluEG, op });
  add({ map: 0, opcode: base + 2, mn, form: 'Gb,Eb', exec: aluGE, op });
  add({ map: 0, opcode: base + 3, mn, form: 'Gv,Ev', exec: aluGE, op });
  add({ map: 0, opcode: base + 4, mn, form: 'AL,Ib', exec: aluEI, op });
  add({ map: 0, opcode: base + 5, mn, form: 'rAX,Iz', exec: aluEI, op });
  add({ map: 0, opcode: 0x80, ext: op, mn, form: 'Eb,Ib', exec: aluEI, op });
  add({ map: 0, opcode: 0x81, ext: op, mn, form: 'Ev,Iz', exec: aluEI, op });
  add({ map: 0, opcode: 0x83, ext: op, mn, form: 'Ev,Ibs', exec: aluEI, op });
}
add({ map: 0, opcode: 0x84, mn: 'test', form: 'Eb,Gb', exec: aluEG, op: 8 });
add({ map: 0, opcode: 0x85, mn: 'test', form: 'Ev,Gv', exec: aluEG, op: 8 });
add({ map: 0, opcode: 0xa8, mn: 'test', form: 'AL,Ib', exec: aluEI, op: 8 });
add({ map: 0, opcode: 0xa9, mn: 'test', form: 'rAX,Iz', exec: aluEI, op: 8 });
add({ map: 0, opcode: 0xf6, ext: 0, mn: 'test', form: 'Eb,Ib', exec: aluEI, op: 8 });
add({ map: 0, opcode: 0xf7, ext: 0, mn: 'test', form: 'Ev,Iz', exec: aluEI, op: 8 });
add({ map: 0, opcode: 0xf6, ext: 2, mn: 'not', form: 'Eb', exec: notE });
add({ map: 0, opcode: 0xf7, ext: 2, mn: 'not', form: 'Ev', exec: notE });
add({ map: 0, opcode: 0xf6, ext: 3, mn: 'neg', form: 'Eb', exec: negE });
add({ map: 0, opcode: 0xf7, ext: 3, mn: 'neg', form: 'Ev', exec: negE });
const MULDIV = ['', '', '', '', 'mul', 'imul', 'div', 'idiv'];
for (let ext = 4; ext < 8; ext++) {
  add({ map: 0, opcode: 0xf6, ext, mn: MULDIV[ext]!, form: 'Eb', exec: mulDivE, op: ext });
  add({ map: 0, opcode: 0xf7, ext, mn: MULDIV[ext]!, form: 'Ev', exec: mulDivE, op: ext });
}
add({ map: 0, opcode: 0xfe, ext: 0, mn: 'inc', form: 'Eb', exec: incDecE, op: 0 });
add({ map: 0, opcode: 0xfe, ext: 1, mn: 'dec', form: 'Eb', exec: incDecE, op: 1 });
add({ map: 0, opcode: 0xff, ext: 0, mn: 'inc', form: 'Ev', exec: incDecE, op: 0 });
add({ map: 0, opcode: 0xff, ext: 1, mn: 'dec', form: 'Ev', exec: incDecE, op: 1 });
add({ map: 0, opcode: 0xff, ext: 2, mn: 'call', form: 'Ev', exec: callE, d64: true });
add({ map: 0, opcode: 0xff, ext: 4, mn: 'jmp', form: 'Ev', exec: jmpE, d64: true });
add({ map: 0, opcode: 0xff, ext: 6, mn: 'push', form: 'Ev', exec: pushE, d64: true });
add({ map: 0, opcode: 0x8f, ext: 0, mn: 'pop', form: 'Ev', exec: popE, d64: true });

// Shifts and rotates, group 2 (SDM Vol 2 Table A-6). /6 is an undocumented SAL alias: left undefined.
for (const [ext, mn] of [
  [2, 'rcl'],
  [3, 'rcr'],
] as const) {
  add({ map: 0, opcode: 0xc0, ext, mn, form: 'Eb,Ib', exec: rotateCarry, op: ext });
  add({ map: 0, opcode: 0xc1, ext, mn, form: 'Ev,Ib', exec: rotateCarry, op: ext });
  add({ map: 0, opcode: 0xd0, ext, mn, form: 'Eb,1', exec: rotateCarry, op: ext });
  add({ map: 0, opcode: 0xd1, ext, mn, form: 'Ev,1', exec: rotateCarry, op: ext });
  add({ map: 0, opcode: 0xd2, ext, mn, form: 'Eb,CL', exec: rotateCarry, op: ext });
  add({ map: 0, opcode: 0xd3, ext, mn, form: 'Ev,CL', exec: rotateCarry, op: ext });
}
add({ map: 1, opcode: 0xa4, mn: 'shld', form: 'Ev,Gv,Ib', exec: shiftDouble, op: 0 });
add({ map: 1, opcode: 0xa5, mn: 'shld', form: 'Ev,Gv,CL', exec: shiftDouble, op: 0 });
add({ map: 1, opcode: 0xac, mn: 'shrd', form: 'Ev,Gv,Ib', exec: shiftDouble, op: 1 });
add({ map: 1, opcode: 0xad, mn: 'shrd', form: 'Ev,Gv,CL', exec: shiftDouble, op: 1 });
const SHIFTS: [number, string][] = [
  [0, 'rol'],
  [1, 'ror'],
  [4, 'shl'],
  [5, 'shr'],
  [7, 'sar'],
];
for (const [ext, mn] of SHIFTS) {
  add({ map: 0, opcode: 0xc0, ext, mn, form: 'Eb,Ib', exec: shiftE, op: ext });
  add({ map: 0, opcode: 0xc1, ext, mn, form: 'Ev,Ib', exec: shiftE, op: ext });
  add({ map: 0, opcode: 0xd0, ext, mn, form: 'Eb,1', exec: shiftE, op: ext });
  add({ map: 0, opcode: 0xd1, ext, mn, form: 'Ev,1', exec: shiftE, op: ext });
  add({ map: 0, opcode: 0xd2, ext, mn, form: 'Eb,CL', exec: shiftE, op: ext });
  add({ map: 0, opcode: 0xd3, ext, mn, form: 'Ev,CL', exec: shiftE, op: ext });
}

add({ map: 0, opcode: 0x69, mn: 'imul', form: 'Gv,Ev,Iz', exec: imulGEI });
add({ map: 0, opcode: 0x6b, mn: 'imul', form: 'Gv,Ev,Ibs', exec: imulGEI });
add({ map: 1, opcode: 0xaf, mn: 'imul', form: 'Gv,Ev', exec: imulGE });
add({ map: 0, opcode: 0x98, mn: { 2: 'cbw', 4: 'cwde', 8: 'cdqe' }, form: '', exec: cbwFamily });
add({ map: 0, opcode: 0x99, mn: { 2: 'cwd', 4: 'cdq', 8: 'cqo' }, form: '', exec: cwdFamily });

// Moves.
add({ map: 0, opcode: 0x88, mn: 'mov', form: 'Eb,Gb', exec: movEG });
add({ map: 0, opcode: 0x89, mn: 'mov', form: 'Ev,Gv', exec: movEG });
add({ map: 0, opcode: 0x8a, mn: 'mov', form: 'Gb,Eb', exec: movGE });
add({ map: 0, opcode: 0x8b, mn: 'mov', form: 'Gv,Ev', exec: movGE });
add({ map: 0, opcode: 0xc6, ext: 0, mn: 'mov', form: 'Eb,Ib', exec: movEI });
add({ map: 0, opcode: 0xc7, ext: 0, mn: 'mov', form: 'Ev,Iz', exec: movEI });
for (let r = 0; r < 8; r++) {
  add({ map: 0, opcode: 0xb0 + r, mn: 'mov', form: 'Zb,Ib', exec: movZI });
  add({ map: 0, opcode: 0xb8 + r, mn: { 2: 'mov', 4: 'mov', 8: 'movabs' }, form: 'Zv,Iv', exec: movZI });
  add({ map: 0, opcode: 0x50 + r, mn: 'push', form: 'Zv', exec: pushZ, d64: true });
  add({ map: 0, opcode: 0x58 + r, mn: 'pop', form: 'Zv', exec: popZ, d64: true });
  if (r !== 0) add({ map: 0, opcode: 0x90 + r, mn: 'xchg', form: 'Zv,rAX', exec: xchgEG });
}
add({ map: 0, opcode: 0x8d, mn: 'lea', form: 'Gv,M', exec: lea });
add({ map: 1, opcode: 0xb6, mn: 'movzx', form: 'Gv,Eb', exec: movzx, op: 1 });
add({ map: 1, opcode: 0xb7, mn: 'movzx', form: 'Gv,Ew', exec: movzx, op: 2 });
add({ map: 1, opcode: 0xbe, mn: 'movsx', form: 'Gv,Eb', exec: movsx, op: 1 });
add({ map: 1, opcode: 0xbf, mn: 'movsx', form: 'Gv,Ew', exec: movsx, op: 2 });
add({ map: 0, opcode: 0x63, mn: 'movsxd', form: 'Gv,Ed', exec: movsx, op: 4 });
add({ map: 0, opcode: 0x86, mn: 'xchg', form: 'Eb,Gb', exec: xchgEG });
add({ map: 0, opcode: 0x87, mn: 'xchg', form: 'Ev,Gv', exec: xchgEG });
add({ map: 1, opcode: 0xa3, mn: 'bt', form: 'Ev,Gv', exec: bt, op: 0 });
add({ map: 1, opcode: 0xba, ext: 4, mn: 'bt', form: 'Ev,Ib', exec: bt, op: 1 });
for (const [k, mn, opc] of [
  [1, 'bts', 0xab],
  [2, 'btr', 0xb3],
  [3, 'btc', 0xbb],
] as const) {
  add({ map: 1, opcode: opc, mn, form: 'Ev,Gv', exec: btFamily, op: k * 2 });
  add({ map: 1, opcode: 0xba, ext: 4 + k, mn, form: 'Ev,Ib', exec: btFamily, op: k * 2 + 1 });
}
add({ map: 1, opcode: 0xbc, pfx: 0xf3, mn: 'tzcnt', form: 'Gv,Ev', exec: zeroCount, op: 0 });
add({ map: 1, opcode: 0xbd, pfx: 0xf3, mn: 'lzcnt', form: 'Gv,Ev', exec: zeroCount, op: 1 });
add({ map: 1, opcode: 0xb8, pfx: 0xf3, mn: 'popcnt', form: 'Gv,Ev', exec: popcnt });
add({ map: 1, opcode: 0xbc, noRep: true, mn: 'bsf', form: 'Gv,Ev', exec: bitScan, op: 0 });
add({ map: 1, opcode: 0xbd, noRep: true, mn: 'bsr', form: 'Gv,Ev', exec: bitScan, op: 1 });
for (let r = 0; r < 8; r++) add({ map: 1, opcode: 0xc8 + r, mn: 'bswap', form: 'Zv', exec: bswap });
add({ map: 1, opcode: 0xb0, mn: 'cmpxchg', form: 'Eb,Gb', exec: cmpxchg });
add({ map: 1, opcode: 0xb1, mn: 'cmpxchg', form: 'Ev,Gv', exec: cmpxchg });
add({ map: 1, opcode: 0xc0, mn: 'xadd', form: 'Eb,Gb', exec: xadd });
add({ map: 1, opcode: 0xc1, mn: 'xadd', form: 'Ev,Gv', exec: xadd });
add({ map: 0, opcode: 0xf9, mn: 'stc', form: '', exec: stc });
add({ map: 0, opcode: 0xf8, mn: 'clc', form: '', exec: clc });
add({ map: 0, opcode: 0xf5, mn: 'cmc', form: '', exec: cmc });

// SSE moves gcc -O2 emits for zeroing/copying (mandatory-prefix rows first).
add({ map: 1, opcode: 0x6f, pfx: 0x66, mn: 'movdqa', form: 'V,W', exec: movLoad128, op: 1 });
add({ map: 1, opcode: 0x6f, pfx: 0xf3, mn: 'movdqu', form: 'V,W', exec: movLoad128, op: 0 });
add({ map: 1, opcode: 0x7f, pfx: 0x66, mn: 'movdqa', form: 'W,V', exec: movStore128, op: 1 });
add({ map: 1, opcode: 0x7f, pfx: 0xf3, mn: 'movdqu', form: 'W,V', exec: movStore128, op: 0 });
add({ map: 1, opcode: 0x28, no66: true, noRep: true, mn: 'movaps', form: 'V,W', exec: movLoad128, op: 1 });
add({ map: 1, opcode: 0x29, no66: true, noRep: true, mn: 'movaps', form: 'W,V', exec: movStore128, op: 1 });
add({ map: 1, opcode: 0x10, no66: true, noRep: true, mn: 'movups', form: 'V,W', exec: movLoad128, op: 0 });
add({ map: 1, opcode: 0x11, no66: true, noRep: true, mn: 'movups', form: 'W,V', exec: movStore128, op: 0 });
add({ map: 1, opcode: 0xef, pfx: 0x66, mn: 'pxor', form: 'V,W', exec: pxor });
add({ map: 1, opcode: 0x57, no66: true, noRep: true, mn: 'xorps', form: 'V,W', exec: pxor });
add({ map: 1, opcode: 0x6e, pfx: 0x66, mn: { 4: 'movd', 8: 'movq' }, form: 'V,Ey', exec: movdToXmm });
add({ map: 1, opcode: 0x7e, pfx: 0xf3, mn: 'movq', form: 'V,Wq', exec: movqLoad });
add({ map: 1, opcode: 0x7e, pfx: 0x66, mn: { 4: 'movd', 8: 'movq' }, form: 'Ey,V', exec: movdFromXmm });
add({ map: 1, opcode: 0xd6, pfx: 0x66, mn: 'movq', form: 'Wq,V', exec: movqStore });

// Stack and control transfer.
add({ map: 0, opcode: 0x68, mn: { 2: 'pushw', 8: 'push' }, form: 'Iz', exec: pushI, d64: true });
add({ map: 0, opcode: 0x6a, mn: { 2: 'pushw', 8: 'push' }, form: 'Ibs', exec: pushI, d64: true });
add({ map: 0, opcode: 0xc9, mn: 'leave', form: '', exec: leave, d64: true });
add({ map: 0, opcode: 0xc3, mn: 'ret', form: '', exec: ret, d64: true });
add({ map: 0, opcode: 0xc2, mn: 'ret', form: 'Iw', exec: ret, d64: true });
add({ map: 0, opcode: 0xe8, mn: 'call', form: 'Jz', exec: callRel, f64: true });
add({ map: 0, opcode: 0xe9, mn: 'jmp', form: 'Jz', exec: jmpRel, f64: true });
add({ map: 0, opcode: 0xeb, mn: 'jmp', form: 'Jb', exec: jmpRel, f64: true });
for (let cc = 0; cc < 16; cc++) {
  const n = CC_NAMES[cc]!;
  add({ map: 0, opcode: 0x70 + cc, mn: 'j' + n, form: 'Jb', exec: jcc, op: cc, f64: true });
  add({ map: 1, opcode: 0x80 + cc, mn: 'j' + n, form: 'Jz', exec: jcc, op: cc, f64: true });
  add({ map: 1, opcode: 0x90 + cc, mn: 'set' + n, form: 'Eb', exec: setcc, op: cc });
  add({ map: 1, opcode: 0x40 + cc, mn: 'cmov' + n, form: 'Gv,Ev', exec: cmov, op: cc });
}
add({ map: 0, opcode: 0xe2, mn: 'loop', form: 'Jb', exec: loop, op: 0, f64: true });
add({ map: 0, opcode: 0xe1, mn: 'loope', form: 'Jb', exec: loop, op: 1, f64: true });
add({ map: 0, opcode: 0xe0, mn: 'loopne', form: 'Jb', exec: loop, op: 2, f64: true });
add({ map: 0, opcode: 0xe3, mn: 'jrcxz', form: 'Jb', exec: jrcxz, f64: true });
add({ map: 0, opcode: 0x9c, mn: { 2: 'pushfw', 8: 'pushf' }, form: '', exec: pushf, d64: true });
add({ map: 0, opcode: 0x9d, mn: { 2: 'popfw', 8: 'popf' }, form: '', exec: popf, d64: true });
add({ map: 0, opcode: 0x9e, mn: 'sahf', form: '', exec: sahf });
add({ map: 0, opcode: 0x9f, mn: 'lahf', form: '', exec: lahf });
add({ map: 0, opcode: 0x90, pfx: 0xf3, mn: 'pause', form: '', exec: nop });
add({ map: 0, opcode: 0x90, mn: 'nop', form: '', exec: nop });
add({ map: 1, opcode: 0x1f, ext: 0, mn: 'nop', form: 'Ev', exec: nop });
add({ map: 1, opcode: 0x1e, pfx: 0xf3, modrm: 0xfa, mn: 'endbr64', form: '', exec: nop });

// String operations (rep handled by the handler; SDM Vol 2B REP).
add({ map: 0, opcode: 0xa4, mn: 'movs', form: 'Yb,Xb', exec: movs });
add({ map: 0, opcode: 0xa5, mn: 'movs', form: 'Yv,Xv', exec: movs });
add({ map: 0, opcode: 0xaa, mn: 'stos', form: 'Yb,AL', exec: stos });
add({ map: 0, opcode: 0xab, mn: 'stos', form: 'Yv,rAX', exec: stos });
add({ map: 0, opcode: 0xac, mn: 'lods', form: 'AL,Xb', exec: lods });
add({ map: 0, opcode: 0xad, mn: 'lods', form: 'rAX,Xv', exec: lods });
add({ map: 0, opcode: 0xae, mn: 'scas', form: 'AL,Yb', exec: scas });
add({ map: 0, opcode: 0xaf, mn: 'scas', form: 'rAX,Yv', exec: scas });
add({ map: 0, opcode: 0xa6, mn: 'cmps', form: 'Xb,Yb', exec: cmps });
add({ map: 0, opcode: 0xa7, mn: 'cmps', form: 'Xv,Yv', exec: cmps });
add({ map: 0, opcode: 0xfc, mn: 'cld', form: '', exec: cld });
add({ map: 0, opcode: 0xfd, mn: 'std', form: '', exec: std });

// System instructions.
add({ map: 1, opcode: 0x05, mn: 'syscall', form: '', exec: syscall });
add({ map: 1, opcode: 0x07, rexW: true, mn: 'sysretq', form: '', exec: sysret });
add({ map: 1, opcode: 0x07, mn: 'sysretd', form: '', exec: raiseUd });
add({ map: 0, opcode: 0xcd, mn: 'int', form: 'Ib', exec: intN });
add({ map: 0, opcode: 0xcc, mn: 'int3', form: '', exec: int3 });
add({ map: 0, opcode: 0xcf, rexW: true, mn: 'iretq', form: '', exec: iret });
add({ map: 0, opcode: 0xf4, mn: 'hlt', form: '', exec: hlt });
add({ map: 0, opcode: 0xfa, mn: 'cli', form: '', exec: cli });
add({ map: 0, opcode: 0xfb, mn: 'sti', form: '', exec: sti });
add({ map: 1, opcode: 0x01, modrm: 0xf8, mn: 'swapgs', form: '', exec: swapgs });
add({ map: 1, opcode: 0x01, ext: 3, mod: 'mem', mn: 'lidt', form: 'M', exec: lidt });
add({ map: 1, opcode: 0x01, ext: 7, mod: 'mem', mn: 'invlpg', form: 'Mb', exec: invlpg });
add({ map: 1, opcode: 0x0b, mn: 'ud2', form: '', exec: raiseUd });
add({ map: 1, opcode: 0x20, mn: 'mov', form: 'Rq,Cd', exec: movFromCr, f64: true });
add({ map: 1, opcode: 0x22, mn: 'mov', form: 'Cd,Rq', exec: movToCr, f64: true });
add({ map: 1, opcode: 0x30, mn: 'wrmsr', form: '', exec: wrmsr });
add({ map: 1, opcode: 0x32, mn: 'rdmsr', form: '', exec: rdmsr });
add({ map: 1, opcode: 0x31, mn: 'rdtsc', form: '', exec: rdtsc });
add({ map: 1, opcode: 0xa2, mn: 'cpuid', form: '', exec: cpuid });

// SSE2 scalar floating point (F2 = double, F3 = single).
for (const [pfx, t, w] of [
  [0xf2, 'sd', 'Wq'],
  [0xf3, 'ss', 'Wd'],
] as const) {
  add({ map: 1, opcode: 0x10, pfx, mn: 'mov' + t, form: `V,${w}`, exec: movScalarLoad });
  add({ map: 1, opcode: 0x11, pfx, mn: 'mov' + t, form: `${w},V`, exec: movScalarStore });
  for (const [opc, name] of [
    [0x58, 'add'],
    [0x59, 'mul'],
    [0x5c, 'sub'],
    [0x5d, 'min'],
    [0x5e, 'div'],
    [0x5f, 'max'],
    [0x51, 'sqrt'],
  ] as const)
    add({ map: 1, opcode: opc, pfx, mn: name + t, form: `V,${w}`, exec: scalarArith, op: opc });
  add({ map: 1, opcode: 0xc2, pfx, mn: 'cmp' + t, form: `V,${w},Ib`, exec: scalarCompare });
  add({ map: 1, opcode: 0x2a, pfx, mn: 'cvtsi2' + t, form: 'V,Ey', exec: cvtIntToFp });
  add({ map: 1, opcode: 0x2c, pfx, mn: `cvtt${t}2si`, form: `Gy,${w}`, exec: cvtFpToInt, op: 0x2c });
  add({ map: 1, opcode: 0x2d, pfx, mn: `cvt${t}2si`, form: `Gy,${w}`, exec: cvtFpToInt, op: 0x2d });
  add({ map: 1, opcode: 0x5a, pfx, mn: t === 'sd' ? 'cvtsd2ss' : 'cvtss2sd', form: `V,${w}`, exec: cvtFpFp });
}
add({ map: 1, opcode: 0x2e, pfx: 0x66, mn: 'ucomisd', form: 'V,Wq', exec: fpCompare });
add({ map: 1, opcode: 0x2f, pfx: 0x66, mn: 'comisd', form: 'V,Wq', exec: fpCompare });
add({ map: 1, opcode: 0x2e, no66: true, noRep: true, mn: 'ucomiss', form: 'V,Wd', exec: fpCompare });
add({ map: 1, opcode: 0x2f, no66: true, noRep: true, mn: 'comiss', form: 'V,Wd', exec: fpCompare });
add({ map: 1, opcode: 0x28, pfx: 0x66, mn: 'movapd', form: 'V,W', exec: movLoad128, op: 1 });
add({ map: 1, opcode: 0x29, pfx: 0x66, mn: 'movapd', form: 'W,V', exec: movStore128, op: 1 });
for (const [opc, name] of [
  [0x54, 'and'],
  [0x55, 'andn'],
  [0x56, 'or'],
  [0x57, 'xor'],
] as const) {
  add({ map: 1, opcode: opc, pfx: 0x66, mn: name + 'pd', form: 'V,W', exec: fpLogic, op: opc });
  if (opc !== 0x57) add({ map: 1, opcode: opc, no66: true, noRep: true, mn: name + 'ps', form: 'V,W', exec: fpLogic, op: opc });
}

export const OPCODE_ROWS: readonly OpRow[] = rows;
