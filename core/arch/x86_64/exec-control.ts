// Near branches, calls and returns (SDM Vol 2A CALL, Jcc, JMP, Vol 2B RET).
// A non-canonical target raises #GP(0) at the branch, not at the target.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { X86Fault, VEC_GP } from '../../mm/x86-64/fault.js';
import { RSP } from './registers.js';

const TWO32 = 4294967296;

function target64(lo: number, hi: number): number {
  if (hi > 0x7fff || hi < -0x8000) throw new X86Fault(VEC_GP, 0);
  return hi * TWO32 + (lo >>> 0);
}

export function jcc(cpu: X86Cpu, i: Inst): void {
  if (cpu.fl.cond(i.op)) cpu.rip += i.imm;
}

export function jmpRel(cpu: X86Cpu, i: Inst): void {
  cpu.rip += i.imm;
}

export function jmpE(cpu: X86Cpu, i: Inst): void {
  const v = cpu.rdE(i);
  cpu.rip = i.size === 8 ? target64(v, cpu.eh) : v;
}

export function callRel(cpu: X86Cpu, i: Inst): void {
  const ret = cpu.rip;
  const h = Math.floor(ret / TWO32);
  cpu.push64((ret - h * TWO32) | 0, h | 0);
  cpu.rip = ret + i.imm;
}

export function callE(cpu: X86Cpu, i: Inst): void {
  const v = cpu.rdE(i);
  const t = i.size === 8 ? target64(v, cpu.eh) : v;
  const ret = cpu.rip;
  const h = Math.floor(ret / TWO32);
  cpu.push64((ret - h * TWO32) | 0, h | 0);
  cpu.rip = t;
}

/** ret / ret imm16 (pops imm16 extra bytes after the return address). */
export function ret(cpu: X86Cpu, i: Inst): void {
  const sp = cpu.regNum(RSP);
  const l = cpu.mmu.read64(sp);
  const t = target64(l, cpu.mmu.hi);
  cpu.setRegNum(RSP, sp + 8 + (i.row !== null && i.row.form === 'Iw' ? i.imm : 0));
  cpu.rip = t;
}

export function nop(): void {}

/** loop (op 0), loope (op 1), loopne (op 2): RCX -= 1 without touching flags, branch if RCX != 0 (and ZF matches). */
export function loop(cpu: X86Cpu, i: Inst): void {
  const lo = cpu.lo[1]!;
  const s = (lo >>> 0) - 1;
  cpu.lo[1] = s | 0;
  if (s < 0) cpu.hi[1] = (cpu.hi[1]! - 1) | 0;
  if ((cpu.lo[1]! | cpu.hi[1]!) === 0) return;
  if (i.op === 1 && !cpu.fl.zf()) return;
  if (i.op === 2 && cpu.fl.zf()) return;
  cpu.rip += i.imm;
}

/** jrcxz */
export function jrcxz(cpu: X86Cpu, i: Inst): void {
  if ((cpu.lo[1]! | cpu.hi[1]!) === 0) cpu.rip += i.imm;
}
