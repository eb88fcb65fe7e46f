// Moving RFLAGS as data: pushf/popf, sahf/lahf (SDM Vol 2B PUSHF, POPF, SAHF, LAHF).
// popf below CPL 0 leaves IF and IOPL alone (IOPL is 0 here); RF and VM are never set.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';
import { IF, IOPL, RAX, RF, RSP, VM } from './registers.js';

export function pushf(cpu: X86Cpu, i: Inst): void {
  const f = cpu.getRflags() & ~(RF | VM);
  if (i.size === 8) cpu.push64(f, 0);
  else {
    const sp = cpu.regNum(RSP) - 2;
    cpu.mmu.write16(sp, f & 0xffff);
    cpu.setRegNum(RSP, sp);
  }
}

export function popf(cpu: X86Cpu, i: Inst): void {
  let v: number;
  if (i.size === 8) v = cpu.pop64();
  else {
    const sp = cpu.regNum(RSP);
    v = (cpu.getRflags() & ~0xffff) | cpu.mmu.read16(sp);
    cpu.setRegNum(RSP, sp + 2);
  }
  const old = cpu.getRflags();
  if (cpu.cpl !== 0) v = (v & ~(IF | IOPL)) | (old & (IF | IOPL));
  cpu.setRflags((v & ~(RF | VM)) >>> 0);
}

/** sahf: SF ZF AF PF CF from AH */
export function sahf(cpu: X86Cpu): void {
  const ah = (cpu.lo[RAX]! >> 8) & 0xd5;
  cpu.setRflags((cpu.getRflags() & ~0xd5) | ah);
}

/** lahf: AH = SF ZF 0 AF 0 PF 1 CF */
export function lahf(cpu: X86Cpu): void {
  const f = (cpu.getRflags() & 0xd5) | 2;
  cpu.lo[RAX] = (cpu.lo[RAX]! & ~0xff00) | (f << 8);
}
