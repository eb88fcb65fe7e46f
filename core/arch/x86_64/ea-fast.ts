// Effective address for the common base+disp operand (no index, segment or 0x67),
// falling back to the general X86Cpu.ea() otherwise.

import type { X86Cpu } from './cpu.js';
import type { Inst } from './inst.js';

const TWO32 = 4294967296;

export function eaFast(cpu: X86Cpu, i: Inst): number {
  const b = i.base;
  if (i.index < 0 && b >= 0 && b < 16 && i.seg === 0 && !i.addr32) {
    const h = cpu.hi[b]!;
    if (h <= 0x1fffff && h >= -0x200000) return h * TWO32 + (cpu.lo[b]! >>> 0) + i.disp;
  }
  return cpu.ea(i);
}
