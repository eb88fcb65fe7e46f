// Decode-time specialisation: after decoding, hot forms get handlers without size or
// operand-kind switches (ALU ones in exec-fast-alu.ts). Same semantics as the generic
// handlers; the native-execution and system tests exercise both paths.

import type { X86Cpu } from './cpu.js';
import { StackMember, type Handler, type Inst } from './inst.js';
import { RSP } from './registers.js';
import { aluEG, aluGE, aluEI, incDecE } from './exec-alu.js';
import { movEG, movGE } from './exec-move.js';
import { jcc } from './exec-control.js';
import { pushZ, popZ, pushI, pushE } from './exec-stack.js';
import { RR_EG, RI, RM } from './exec-fast-alu.js';
import { eaFast } from './ea-fast.js';


function movRR64(cpu: X86Cpu, i: Inst): void {
  cpu.lo[i.rm] = cpu.lo[i.reg]!;
  cpu.hi[i.rm] = cpu.hi[i.reg]!;
}

function movRR32(cpu: X86Cpu, i: Inst): void {
  cpu.lo[i.rm] = cpu.lo[i.reg]!;
  cpu.hi[i.rm] = 0;
}

function load64(cpu: X86Cpu, i: Inst): void {
  const v = cpu.mmu.read64(eaFast(cpu, i));
  cpu.lo[i.reg] = v;
  cpu.hi[i.reg] = cpu.mmu.hi;
}

function load32(cpu: X86Cpu, i: Inst): void {
  cpu.lo[i.reg] = cpu.mmu.read32(eaFast(cpu, i));
  cpu.hi[i.reg] = 0;
}

function store64(cpu: X86Cpu, i: Inst): void {
  cpu.mmu.write64(eaFast(cpu, i), cpu.lo[i.reg]!, cpu.hi[i.reg]!);
}

function store32(cpu: X86Cpu, i: Inst): void {
  cpu.mmu.write32(eaFast(cpu, i), cpu.lo[i.reg]!);
}

function inc64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const cf = cpu.fl.cf;
  cpu.lo[d] = cpu.fl.add64(cpu.lo[d]!, cpu.hi[d]!, 1, 0);
  cpu.hi[d] = cpu.fl.outHi;
  cpu.fl.cf = cf;
}

function dec64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const cf = cpu.fl.cf;
  cpu.lo[d] = cpu.fl.sub64(cpu.lo[d]!, cpu.hi[d]!, 1, 0);
  cpu.hi[d] = cpu.fl.outHi;
  cpu.fl.cf = cf;
}

function inc32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const cf = cpu.fl.cf;
  cpu.lo[d] = cpu.fl.add32(cpu.lo[d]! >>> 0, 1);
  cpu.hi[d] = 0;
  cpu.fl.cf = cf;
}

function dec32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const cf = cpu.fl.cf;
  cpu.lo[d] = cpu.fl.sub32(cpu.lo[d]! >>> 0, 1);
  cpu.hi[d] = 0;
  cpu.fl.cf = cf;
}

function jz(cpu: X86Cpu, i: Inst): void {
  if (cpu.fl.zf()) cpu.rip += i.imm;
}

function jnz(cpu: X86Cpu, i: Inst): void {
  if (!cpu.fl.zf()) cpu.rip += i.imm;
}

function push64(cpu: X86Cpu, i: Inst): void {
  cpu.push64(cpu.lo[i.reg]!, cpu.hi[i.reg]!);
}

function pop64(cpu: X86Cpu, i: Inst): void {
  const v = cpu.pop64();
  cpu.lo[i.reg] = v;
  cpu.hi[i.reg] = cpu.eh;
}

// fs:/gs:-relative absolute operands (the entry code's per-CPU slots, TLS): the segment
// base plus the displacement, with no register in the address.
function segEa(cpu: X86Cpu, i: Inst): number {
  return i.disp + (i.seg === 0x64 ? cpu.msrs.fsBase : cpu.msrs.gsBase);
}

function loadSeg64(cpu: X86Cpu, i: Inst): void {
  const v = cpu.mmu.read64(segEa(cpu, i));
  cpu.lo[i.reg] = v;
  cpu.hi[i.reg] = cpu.mmu.hi;
}

function storeSeg64(cpu: X86Cpu, i: Inst): void {
  cpu.mmu.write64(segEa(cpu, i), cpu.lo[i.reg]!, cpu.hi[i.reg]!);
}

function pushSeg64(cpu: X86Cpu, i: Inst): void {
  const v = cpu.mmu.read64(segEa(cpu, i));
  cpu.push64(v, cpu.mmu.hi);
}

/** op [mem], imm / op [mem], reg for the ALU ops that write back: one write translation, no re-walk. */
function rmw32(cpu: X86Cpu, i: Inst): void {
  const pa = cpu.mmu.physW(eaFast(cpu, i), 4);
  if (pa < 0) {
    (i.row!.exec === aluEI ? aluEI : aluEG)(cpu, i);
    return;
  }
  const m = cpu.mmu;
  const b = i.row!.exec === aluEI ? i.imm : cpu.lo[i.reg]! >>> 0;
  m.st32(pa, cpu.fl.alu(i.op, m.ld32(pa) >>> 0, b, 4));
}

function rmw64(cpu: X86Cpu, i: Inst): void {
  const pa = cpu.mmu.physW(eaFast(cpu, i), 8);
  if (pa < 0) {
    (i.row!.exec === aluEI ? aluEI : aluEG)(cpu, i);
    return;
  }
  const m = cpu.mmu;
  const imm = i.row!.exec === aluEI;
  const r = cpu.fl.alu64(i.op, m.ld32(pa), m.ld32(pa + 4), imm ? i.imm : cpu.lo[i.reg]!, imm ? i.immHi : cpu.hi[i.reg]!);
  m.st32(pa, r);
  m.st32(pa + 4, cpu.fl.outHi);
}

/** How `i` (already specialized) can join a run of stack operations (stack-run.ts). */
export function stackMemberOf(i: Inst): StackMember {
  if (i.exec === push64 && i.reg !== RSP) return StackMember.PushReg;
  if (i.exec === pushI && i.size === 8) return StackMember.PushImm;
  if (i.exec === pop64 && i.reg !== RSP) return StackMember.PopReg;
  return StackMember.None;
}

/** Returns a faster handler for `i` when one applies, else its own. */
export function specialize(i: Inst): Handler {
  const e = i.exec;
  const key = `${i.op}:${i.size}`;
  const reg = i.rm >= 0;
  const plainMem = !reg && i.index < 0 && i.base >= 0 && i.base < 16 && i.seg === 0 && !i.addr32;
  const segAbs = !reg && i.index < 0 && i.base < 0 && (i.seg === 0x64 || i.seg === 0x65) && !i.addr32;
  if (i.size === 4 || i.size === 8) {
    if (e === aluEG && reg) return RR_EG[key] ?? e;
    if (e === aluEI && reg) return RI[key] ?? e;
    if (e === aluGE && plainMem) return RM[key] ?? e;
    if ((e === aluEI || e === aluEG) && plainMem && i.op !== 7 && i.op !== 8) return i.size === 8 ? rmw64 : rmw32;
    if (e === movEG) {
      if (reg) return i.size === 8 ? movRR64 : movRR32;
      if (plainMem) return i.size === 8 ? store64 : store32;
    }
    if (e === movGE && plainMem) return i.size === 8 ? load64 : load32;
    if (segAbs && i.size === 8) {
      if (e === movGE) return loadSeg64;
      if (e === movEG) return storeSeg64;
    }
    if (e === incDecE && reg) return i.size === 8 ? (i.op === 0 ? inc64 : dec64) : i.op === 0 ? inc32 : dec32;
  }
  if (e === jcc && i.op === 4) return jz;
  if (e === jcc && i.op === 5) return jnz;
  if (e === pushZ && i.size === 8) return push64;
  if (e === pushE && segAbs && i.size === 8) return pushSeg64;
  if (e === popZ && i.size === 8) return pop64;
  return e;
}
