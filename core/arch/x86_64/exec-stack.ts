// push/pop/leave. 64-bit mode defaults to 64-bit stack operands; 66 gives 16-bit
// (SDM Vol 1 6.2.5). pop E computes its address after RSP is incremented (SDM POP).

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { RBP, RSP } from './registers.js';

function push(cpu: X86Cpu, size: number, v: number, vh: number): void {
  if (size === 8) cpu.push64(v, vh);
  else {
    const sp = cpu.regNum(RSP) - 2;
    cpu.mmu.write16(sp, v & 0xffff);
    cpu.setRegNum(RSP, sp);
  }
}

function pop(cpu: X86Cpu, size: number): number {
  if (size === 8) return cpu.pop64();
  const sp = cpu.regNum(RSP);
  const v = cpu.mmu.read16(sp);
  cpu.setRegNum(RSP, sp + 2);
  return v;
}

export function pushZ(cpu: X86Cpu, i: Inst): void {
  push(cpu, i.size, cpu.lo[i.reg]!, cpu.hi[i.reg]!);
}

export function popZ(cpu: X86Cpu, i: Inst): void {
  const v = pop(cpu, i.size);
  cpu.setR(i.size, i.reg, v, cpu.eh);
}

export function pushI(cpu: X86Cpu, i: Inst): void {
  push(cpu, i.size, i.imm, i.immHi);
}

export function pushE(cpu: X86Cpu, i: Inst): void {
  const v = cpu.rdE(i);
  push(cpu, i.size, v, cpu.eh);
}

export function popE(cpu: X86Cpu, i: Inst): void {
  const oldSp = cpu.regNum(RSP);
  const v = pop(cpu, i.size);
  const vh = cpu.eh;
  try {
    cpu.wrE(i, v, vh);
  } catch (e) {
    cpu.setRegNum(RSP, oldSp); // the instruction faults as a whole
    throw e;
  }
}

export function leave(cpu: X86Cpu, i: Inst): void {
  if (i.size !== 8) {
    cpu.setR(2, RSP, cpu.lo[RBP]!, 0);
    cpu.setR(2, RBP, pop(cpu, 2), 0);
    return;
  }
  const sp = cpu.regNum(RBP);
  const l = cpu.mmu.read64(sp);
  const h = cpu.mmu.hi;
  cpu.setRegNum(RSP, sp + 8);
  cpu.lo[RBP] = l;
  cpu.hi[RBP] = h;
}
