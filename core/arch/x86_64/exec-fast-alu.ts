// Specialised ALU handlers (generated once from a template, then checked in): register
// and immediate forms of add/sub/cmp/and/or/xor/test at 32 and 64 bits with no size or
// operand-kind switches. exec-fast.ts picks them at decode time; the native-execution
// tests run through them.

import type { X86Cpu } from './cpu.js';
import type { Handler, Inst } from './inst.js';
import { eaFast } from './ea-fast.js';


function addRR32EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.add32(cpu.lo[d]! >>> 0, cpu.lo[s]! >>> 0);
  cpu.hi[d] = 0;
}

function addRI32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.add32(cpu.lo[d]! >>> 0, i.imm >>> 0);
  cpu.hi[d] = 0;
}

function addRM32(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read32(eaFast(cpu, i));
  cpu.lo[d] = cpu.fl.add32(cpu.lo[d]! >>> 0, v >>> 0);
  cpu.hi[d] = 0;
}

function addRR64EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.add64(cpu.lo[d]!, cpu.hi[d]!, cpu.lo[s]!, cpu.hi[s]!);
  cpu.hi[d] = cpu.fl.outHi;
}

function addRI64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.add64(cpu.lo[d]!, cpu.hi[d]!, i.imm, i.immHi);
  cpu.hi[d] = cpu.fl.outHi;
}

function addRM64(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read64(eaFast(cpu, i));
  const vh = cpu.mmu.hi;
  cpu.lo[d] = cpu.fl.add64(cpu.lo[d]!, cpu.hi[d]!, v, vh);
  cpu.hi[d] = cpu.fl.outHi;
}

function subRR32EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.sub32(cpu.lo[d]! >>> 0, cpu.lo[s]! >>> 0);
  cpu.hi[d] = 0;
}

function subRI32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.sub32(cpu.lo[d]! >>> 0, i.imm >>> 0);
  cpu.hi[d] = 0;
}

function subRM32(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read32(eaFast(cpu, i));
  cpu.lo[d] = cpu.fl.sub32(cpu.lo[d]! >>> 0, v >>> 0);
  cpu.hi[d] = 0;
}

function subRR64EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.sub64(cpu.lo[d]!, cpu.hi[d]!, cpu.lo[s]!, cpu.hi[s]!);
  cpu.hi[d] = cpu.fl.outHi;
}

function subRI64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.sub64(cpu.lo[d]!, cpu.hi[d]!, i.imm, i.immHi);
  cpu.hi[d] = cpu.fl.outHi;
}

function subRM64(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read64(eaFast(cpu, i));
  const vh = cpu.mmu.hi;
  cpu.lo[d] = cpu.fl.sub64(cpu.lo[d]!, cpu.hi[d]!, v, vh);
  cpu.hi[d] = cpu.fl.outHi;
}

function cmpRR32EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.fl.sub32(cpu.lo[d]! >>> 0, cpu.lo[s]! >>> 0);
}

function cmpRI32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.fl.sub32(cpu.lo[d]! >>> 0, i.imm >>> 0);
}

function cmpRM32(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read32(eaFast(cpu, i));
  cpu.fl.sub32(cpu.lo[d]! >>> 0, v >>> 0);
}

function cmpRR64EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.fl.sub64(cpu.lo[d]!, cpu.hi[d]!, cpu.lo[s]!, cpu.hi[s]!);
}

function cmpRI64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.fl.sub64(cpu.lo[d]!, cpu.hi[d]!, i.imm, i.immHi);
}

function cmpRM64(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read64(eaFast(cpu, i));
  const vh = cpu.mmu.hi;
  cpu.fl.sub64(cpu.lo[d]!, cpu.hi[d]!, v, vh);
}

function andRR32EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! & cpu.lo[s]!);
  cpu.hi[d] = 0;
}

function andRI32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! & i.imm);
  cpu.hi[d] = 0;
}

function andRM32(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read32(eaFast(cpu, i));
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! & v);
  cpu.hi[d] = 0;
}

function andRR64EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! & cpu.lo[s]!, cpu.hi[d]! & cpu.hi[s]!);
  cpu.hi[d] = cpu.fl.outHi;
}

function andRI64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! & i.imm, cpu.hi[d]! & i.immHi);
  cpu.hi[d] = cpu.fl.outHi;
}

function andRM64(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read64(eaFast(cpu, i));
  const vh = cpu.mmu.hi;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! & v, cpu.hi[d]! & vh);
  cpu.hi[d] = cpu.fl.outHi;
}

function orRR32EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! | cpu.lo[s]!);
  cpu.hi[d] = 0;
}

function orRI32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! | i.imm);
  cpu.hi[d] = 0;
}

function orRM32(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read32(eaFast(cpu, i));
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! | v);
  cpu.hi[d] = 0;
}

function orRR64EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! | cpu.lo[s]!, cpu.hi[d]! | cpu.hi[s]!);
  cpu.hi[d] = cpu.fl.outHi;
}

function orRI64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! | i.imm, cpu.hi[d]! | i.immHi);
  cpu.hi[d] = cpu.fl.outHi;
}

function orRM64(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read64(eaFast(cpu, i));
  const vh = cpu.mmu.hi;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! | v, cpu.hi[d]! | vh);
  cpu.hi[d] = cpu.fl.outHi;
}

function xorRR32EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! ^ cpu.lo[s]!);
  cpu.hi[d] = 0;
}

function xorRI32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! ^ i.imm);
  cpu.hi[d] = 0;
}

function xorRM32(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read32(eaFast(cpu, i));
  cpu.lo[d] = cpu.fl.logic32(cpu.lo[d]! ^ v);
  cpu.hi[d] = 0;
}

function xorRR64EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! ^ cpu.lo[s]!, cpu.hi[d]! ^ cpu.hi[s]!);
  cpu.hi[d] = cpu.fl.outHi;
}

function xorRI64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! ^ i.imm, cpu.hi[d]! ^ i.immHi);
  cpu.hi[d] = cpu.fl.outHi;
}

function xorRM64(cpu: X86Cpu, i: Inst): void {
  const d = i.reg;
  const v = cpu.mmu.read64(eaFast(cpu, i));
  const vh = cpu.mmu.hi;
  cpu.lo[d] = cpu.fl.logic64(cpu.lo[d]! ^ v, cpu.hi[d]! ^ vh);
  cpu.hi[d] = cpu.fl.outHi;
}

function testRR32EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.fl.logic32(cpu.lo[d]! & cpu.lo[s]!);
}

function testRI32(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.fl.logic32(cpu.lo[d]! & i.imm);
}

function testRR64EG(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  const s = i.reg;
  cpu.fl.logic64(cpu.lo[d]! & cpu.lo[s]!, cpu.hi[d]! & cpu.hi[s]!);
}

function testRI64(cpu: X86Cpu, i: Inst): void {
  const d = i.rm;
  cpu.fl.logic64(cpu.lo[d]! & i.imm, cpu.hi[d]! & i.immHi);
}

export const RR_EG: Record<string, Handler> = {
  '0:4': addRR32EG,
  '0:8': addRR64EG,
  '5:4': subRR32EG,
  '5:8': subRR64EG,
  '7:4': cmpRR32EG,
  '7:8': cmpRR64EG,
  '4:4': andRR32EG,
  '4:8': andRR64EG,
  '1:4': orRR32EG,
  '1:8': orRR64EG,
  '6:4': xorRR32EG,
  '6:8': xorRR64EG,
  '8:4': testRR32EG,
  '8:8': testRR64EG,
};
export const RI: Record<string, Handler> = {
  '0:4': addRI32,
  '0:8': addRI64,
  '5:4': subRI32,
  '5:8': subRI64,
  '7:4': cmpRI32,
  '7:8': cmpRI64,
  '4:4': andRI32,
  '4:8': andRI64,
  '1:4': orRI32,
  '1:8': orRI64,
  '6:4': xorRI32,
  '6:8': xorRI64,
  '8:4': testRI32,
  '8:8': testRI64,
};
export const RM: Record<string, Handler> = {
  '0:4': addRM32,
  '0:8': addRM64,
  '5:4': subRM32,
  '5:8': subRM64,
  '7:4': cmpRM32,
  '7:8': cmpRM64,
  '4:4': andRM32,
  '4:8': andRM64,
  '1:4': orRM32,
  '1:8': orRM64,
  '6:4': xorRM32,
  '6:8': xorRM64,
};
