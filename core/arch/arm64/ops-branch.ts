// Branches, exception generation and return (ARM ARM C4.1.93): b, bl, b.cond,
// cbz/cbnz, tbz/tbnz, br/blr/ret, svc/hvc/brk, eret.
import { fromNumber, res, toSignedNumber } from './alu.js';
import type { Arm64Cpu } from './cpu.js';
import { EC_BRK64, EC_SVC64, exceptionReturn, takeException, undefinedInstruction } from './exceptions.js';
import { COND_NAMES, imm, rz, signExtend, target } from './fmt.js';
import { condHolds } from './regs.js';
import type { InsnRow } from './types.js';

function link(c: Arm64Cpu): void {
  fromNumber(c.insnPc + 4);
  c.xlo[30] = res[0];
  c.xhi[30] = res[1];
}

function bImmExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  if (w >>> 31) link(c);
  c.pc = c.insnPc + signExtend(w & 0x3ffffff, 26) * 4;
}

function bImmDis(w: number, addr: number): string {
  return `${w >>> 31 ? 'bl' : 'b'}\t${target(addr + signExtend(w & 0x3ffffff, 26) * 4)}`;
}

function bCondExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  if (w & 0x10) return undefinedInstruction(c); // BC.cond (FEAT_HBC) not implemented
  if (condHolds(c, w & 15)) c.pc = c.insnPc + signExtend((w >>> 5) & 0x7ffff, 19) * 4;
}

function bCondDis(w: number, addr: number): string {
  return `b.${COND_NAMES[w & 15]}\t${target(addr + signExtend((w >>> 5) & 0x7ffff, 19) * 4)}`;
}

function cbzExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const rt = w & 31;
  const zero = w >>> 31 ? (c.xlo[rt]! | c.xhi[rt]!) === 0 : c.xlo[rt] === 0;
  if (zero !== ((w >>> 24) & 1) > 0) c.pc = c.insnPc + signExtend((w >>> 5) & 0x7ffff, 19) * 4;
}

function cbzDis(w: number, addr: number): string {
  const mn = (w >>> 24) & 1 ? 'cbnz' : 'cbz';
  return `${mn}\t${rz(w & 31, w >>> 31 === 1)}, ${target(addr + signExtend((w >>> 5) & 0x7ffff, 19) * 4)}`;
}

function tbzExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const rt = w & 31;
  const bit = ((w >>> 26) & 32) | ((w >>> 19) & 31);
  const set = bit < 32 ? (c.xlo[rt]! >>> bit) & 1 : (c.xhi[rt]! >>> (bit - 32)) & 1;
  if (set === ((w >>> 24) & 1)) c.pc = c.insnPc + signExtend((w >>> 5) & 0x3fff, 14) * 4;
}

function tbzDis(w: number, addr: number): string {
  const bit = ((w >>> 26) & 32) | ((w >>> 19) & 31);
  const mn = (w >>> 24) & 1 ? 'tbnz' : 'tbz';
  return `${mn}\t${rz(w & 31, bit >= 32)}, #${bit}, ${target(addr + signExtend((w >>> 5) & 0x3fff, 14) * 4)}`;
}

function brExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  if ((w & 0x1ffc1f) !== 0x1f0000) return undefinedInstruction(c); // op2/op3/op4 (pointer auth forms)
  const rn = (w >>> 5) & 31;
  const t = toSignedNumber(c.xlo[rn]!, c.xhi[rn]!);
  if (((w >>> 21) & 3) === 1) link(c);
  c.pc = t;
}

function brDis(w: number): string {
  const opc = (w >>> 21) & 3;
  const rn = (w >>> 5) & 31;
  if (opc === 2) return rn === 30 ? 'ret' : `ret\t${rz(rn, true)}`;
  return `${opc === 1 ? 'blr' : 'br'}\t${rz(rn, true)}`;
}

function eretExec(c: Arm64Cpu): void {
  if (c.el === 0) return undefinedInstruction(c);
  exceptionReturn(c);
}

function excGenExec(c: Arm64Cpu): void {
  const w = c.insn[0]!;
  const imm16 = (w >>> 5) & 0xffff;
  if ((w & 0xffe0001f) >>> 0 === 0xd4000001) {
    // SVC: preferred return is the next instruction (ARM ARM D1.10.1).
    return takeException(c, EC_SVC64, imm16, c.insnPc + 4, null);
  }
  if ((w & 0xffe0001f) >>> 0 === 0xd4200000) return takeException(c, EC_BRK64, imm16, c.insnPc, null);
  // HVC/SMC without EL2/EL3, and DCPS, are UNDEFINED here.
  undefinedInstruction(c);
}

function excGenDis(w: number): string | null {
  const imm16 = (w >>> 5) & 0xffff;
  const k = (w & 0xffe0001f) >>> 0;
  const names: Record<number, string> = { 0xd4000001: 'svc', 0xd4000002: 'hvc', 0xd4000003: 'smc', 0xd4200000: 'brk', 0xd4400000: 'hlt' };
  const mn = names[k];
  return mn === undefined ? null : `${mn}\t${imm(imm16)}`;
}

export const BRANCH_ROWS: InsnRow[] = [
  { mask: 0x7c000000, value: 0x14000000, form: 'b-imm', exec: bImmExec, disasm: bImmDis },
  { mask: 0xff000010, value: 0x54000000, form: 'b-cond', exec: bCondExec, disasm: bCondDis, selfChecked: true },
  { mask: 0x7e000000, value: 0x34000000, form: 'cbz', exec: cbzExec, disasm: cbzDis },
  { mask: 0x7e000000, value: 0x36000000, form: 'tbz', exec: tbzExec, disasm: tbzDis },
  { mask: 0xffdffc1f, value: 0xd61f0000, form: 'br-blr', exec: brExec, disasm: brDis, selfChecked: true },
  { mask: 0xfffffc1f, value: 0xd65f0000, form: 'ret', exec: brExec, disasm: brDis, selfChecked: true },
  { mask: 0xffffffff, value: 0xd69f03e0, form: 'eret', exec: eretExec, disasm: () => 'eret' },
  { mask: 0xff000000, value: 0xd4000000, form: 'exception-gen', exec: excGenExec, disasm: excGenDis },
  // UDF #imm16 (ARM ARM C6.2.389): permanently undefined.
  { mask: 0xffff0000, value: 0x00000000, form: 'udf', exec: undefinedInstruction, disasm: (w) => `udf\t#${w & 0xffff}` },
];
