// The number/half accessors of PtRegs read and write the same bytes as the bigint ones.

import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { PtRegs } from '../../../../core/kernel/x86_64/pt-regs.js';
import { PT_REGS } from '../../../../core/kernel/x86_64/entry-source.js';

function regs(): PtRegs {
  const mem = new PhysicalMemory(1 << 20, 1 << 16);
  const frame = mem.allocFrame();
  return new PtRegs(mem, frame + 4096 - PtRegs.size);
}

describe('PtRegs fast accessors', () => {
  it('lo/hi/num agree with get for values across the 64-bit range', () => {
    const r = regs();
    for (const v of [0n, 1n, 0xffffffffn, 0x100000000n, 0x7ffffffff000n, 0xffff888000001000n, 0xffffffffffffffdan]) {
      r.set('rcx', v);
      expect(BigInt(r.lo(PT_REGS.rcx) >>> 0)).toBe(v & 0xffffffffn);
      expect(BigInt(r.hi(PT_REGS.rcx) >>> 0)).toBe(v >> 32n);
      expect(r.num(PT_REGS.rcx)).toBe(Number(BigInt.asIntN(64, v)));
    }
  });

  it('setNum stores two’s complement, also beyond 2^53', () => {
    const r = regs();
    for (const n of [0, 5, -38, -4095, 2 ** 32, -(2 ** 47), 2 ** 53 - 1]) {
      r.setNum(PT_REGS.rax, n);
      expect(r.get('rax')).toBe(BigInt.asUintN(64, BigInt(n)));
    }
    r.setNum(PT_REGS.rax, 2 ** 60);
    expect(r.get('rax')).toBe(1n << 60n);
    // Neighbours untouched.
    r.set('rcx', 0x1122334455667788n);
    r.setNum(PT_REGS.rax, -1);
    expect(r.get('rcx')).toBe(0x1122334455667788n);
  });
});
