// add/or/adc/sbb/and/sub/xor/cmp/test, inc/dec, not/neg. Every status flag comes from
// the one ALU table in alu-flags.ts. Memory destinations check writability before
// reading so a #PF leaves registers and flags untouched (precise exceptions).

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { ALU_CMP, ALU_SUB, ALU_TEST } from './alu-flags.js';

const writesBack = (op: number): boolean => op !== ALU_CMP && op !== ALU_TEST;

/** op E, G */
export function aluEG(cpu: X86Cpu, i: Inst): void {
  const op = i.op;
  const wb = writesBack(op);
  if (i.size === 8) {
    if (i.rm >= 0) {
      const d = i.rm;
      const r = cpu.fl.alu64(op, cpu.lo[d]!, cpu.hi[d]!, cpu.lo[i.reg]!, cpu.hi[i.reg]!);
      if (wb) {
        cpu.lo[d] = r;
        cpu.hi[d] = cpu.fl.outHi;
      }
      return;
    }
    const a = wb ? cpu.rdEw(i) : cpu.rdE(i);
    const ah = cpu.eh;
    const r = cpu.fl.alu64(op, a, ah, cpu.lo[i.reg]!, cpu.hi[i.reg]!);
    if (wb) cpu.mmu.write64(cpu.lastEa, r, cpu.fl.outHi);
    return;
  }
  const a = wb ? cpu.rdEw(i) : cpu.rdE(i);
  const r = cpu.fl.alu(op, a, cpu.getR(i.size, i.reg), i.size);
  if (wb) cpu.wbE(i, r, 0);
}

/** op G, E */
export function aluGE(cpu: X86Cpu, i: Inst): void {
  const op = i.op;
  if (i.size === 8) {
    const b = cpu.rdE(i);
    const bh = cpu.eh;
    const g = i.reg;
    const r = cpu.fl.alu64(op, cpu.lo[g]!, cpu.hi[g]!, b, bh);
    if (writesBack(op)) {
      cpu.lo[g] = r;
      cpu.hi[g] = cpu.fl.outHi;
    }
    return;
  }
  const b = cpu.rdE(i);
  const r = cpu.fl.alu(op, cpu.getR(i.size, i.reg), b, i.size);
  if (writesBack(op)) cpu.setR(i.size, i.reg, r, 0);
}

/** op E, imm (also AL/eAX, imm with rm = 0). */
export function aluEI(cpu: X86Cpu, i: Inst): void {
  const op = i.op;
  const wb = writesBack(op);
  if (i.size === 8) {
    if (i.rm >= 0) {
      const d = i.rm;
      const r = cpu.fl.alu64(op, cpu.lo[d]!, cpu.hi[d]!, i.imm, i.immHi);
      if (wb) {
        cpu.lo[d] = r;
        cpu.hi[d] = cpu.fl.outHi;
      }
      return;
    }
    const a = wb ? cpu.rdEw(i) : cpu.rdE(i);
    const r = cpu.fl.alu64(op, a, cpu.eh, i.imm, i.immHi);
    if (wb) cpu.mmu.write64(cpu.lastEa, r, cpu.fl.outHi);
    return;
  }
  if (i.size === 4 && i.rm >= 0) {
    const d = i.rm;
    const r = cpu.fl.alu(op, cpu.lo[d]! >>> 0, i.imm, 4);
    if (wb) {
      cpu.lo[d] = r;
      cpu.hi[d] = 0;
    }
    return;
  }
  const a = wb ? cpu.rdEw(i) : cpu.rdE(i);
  const r = cpu.fl.alu(op, a, i.imm, i.size);
  if (wb) cpu.wbE(i, r, 0);
}

/** inc/dec E (op 0 = inc, 1 = dec): CF unchanged. */
export function incDecE(cpu: X86Cpu, i: Inst): void {
  const a = cpu.rdEw(i);
  if (i.size === 8) {
    const r = cpu.fl.incDec64(i.op === 1, a, cpu.eh);
    cpu.wbE(i, r, cpu.fl.outHi);
  } else cpu.wbE(i, cpu.fl.incDec(i.op === 1, a, i.size), 0);
}

/** not E: no flags. */
export function notE(cpu: X86Cpu, i: Inst): void {
  const a = cpu.rdEw(i);
  cpu.wbE(i, ~a, ~cpu.eh);
}

/** neg E = 0 - E; CF = (E != 0). */
export function negE(cpu: X86Cpu, i: Inst): void {
  const a = cpu.rdEw(i);
  if (i.size === 8) {
    const r = cpu.fl.alu64(ALU_SUB, 0, 0, a, cpu.eh);
    cpu.wbE(i, r, cpu.fl.outHi);
  } else cpu.wbE(i, cpu.fl.alu(ALU_SUB, 0, a, i.size), 0);
}
