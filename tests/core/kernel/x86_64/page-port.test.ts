// X86PagePort.lookup remembers the last leaf PTE; the answer must follow every change
// to the mapping (unmap, remap to another frame, protect) and survive freeing a root.

import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { X86Cpu } from '../../../../core/arch/x86_64/cpu.js';
import { newPml4 } from '../../../../core/mm/x86-64/page-table.js';
import { X86PagePort } from '../../../../core/kernel/x86_64/page-port.js';

const RW = { read: true, write: true, exec: false, user: true };

function setup(): { mem: PhysicalMemory; port: X86PagePort } {
  const mem = new PhysicalMemory(8 << 20, 1 << 20);
  const cpu = new X86Cpu(mem);
  return { mem, port: new X86PagePort(mem, cpu, newPml4(mem)) };
}

describe('X86PagePort.lookup', () => {
  it('follows unmap, remap and protect of the remembered page', () => {
    const { mem, port } = setup();
    const root = port.newRoot();
    const va = 0x601000;
    const f1 = mem.allocFrame();
    const f2 = mem.allocFrame();
    expect(port.lookup(root, va)).toBe(null);
    port.map(root, va, f1, RW);
    expect(port.lookup(root, va + 5)).toBe(f1);
    expect(port.unmap(root, va)).toBe(f1);
    expect(port.lookup(root, va)).toBe(null);
    port.map(root, va, f2, RW);
    expect(port.lookup(root, va)).toBe(f2);
    expect(port.protect(root, va, { ...RW, write: false })).toBe(true);
    expect(port.lookup(root, va)).toBe(f2);
  });

  it('tells roots apart and starts over after a root is freed and its frame reused', () => {
    const { mem, port } = setup();
    const a = port.newRoot();
    const b = port.newRoot();
    const fa = mem.allocFrame();
    port.map(a, 0x400000, fa, RW);
    expect(port.lookup(a, 0x400000)).toBe(fa);
    expect(port.lookup(b, 0x400000)).toBe(null);
    expect(port.lookup(a, 0x400000)).toBe(fa);
    port.freeRoot(a);
    const c = port.newRoot(); // may reuse a's frames
    expect(port.lookup(c, 0x400000)).toBe(null);
    const fc = mem.allocFrame();
    port.map(c, 0x400000, fc, RW);
    expect(port.lookup(c, 0x400000)).toBe(fc);
  });
});
