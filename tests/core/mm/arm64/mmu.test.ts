// Stage 1 walks, permissions, fault codes and TLB counters of the AArch64 MMU
// (ARM ARM D8: 4 KiB granule, 48-bit VA, AP[2:1], UXN/PXN, AF).
import { describe, expect, it } from 'vitest';
import { ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, DESC_AF } from '../../../../core/mm/arm64/descriptors.js';
import { Arm64Mmu } from '../../../../core/mm/arm64/mmu.js';
import { mapPage, newTable, protectPage, unmapPage } from '../../../../core/mm/arm64/page-table.js';
import { readVirt, writeVirt } from '../../../../core/mm/arm64/uaccess.js';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';

const KVA = -(2 ** 48) + 0x40_0000_0000; // 0xffff004000000000

function setup(): { mem: PhysicalMemory; mmu: Arm64Mmu; root0: number; root1: number } {
  const mem = new PhysicalMemory(16 * 1024 * 1024, 4 * 1024 * 1024);
  const root0 = newTable(mem);
  const root1 = newTable(mem);
  const mmu = new Arm64Mmu(mem);
  mmu.setTtbr0(BigInt(root0));
  mmu.setTtbr1(BigInt(root1) | (5n << 48n)); // ASID bits must not leak into the base
  mmu.setSctlr(1n);
  return { mem, mmu, root0, root1 };
}

describe('arm64 MMU', () => {
  it('walks four levels for TTBR0 and TTBR1 addresses', () => {
    const { mem, mmu, root0, root1 } = setup();
    const pa = mem.allocFrame();
    const kpa = mem.allocFrame();
    mapPage(mem, root0, 0x7fff_ffff_f000, pa, { el0Write: true });
    mapPage(mem, root1, KVA, kpa);
    expect(mmu.translate(0x7fff_ffff_f123, ACCESS_READ, 0)).toBe(pa + 0x123);
    expect(mmu.translate(KVA + 8, ACCESS_WRITE, 1)).toBe(kpa + 8);
    expect(mmu.probe(KVA)).toMatchObject({ pa: kpa, level: 3 });
  });

  it('reports translation faults with the level where the walk stopped', () => {
    const { mem, mmu, root0 } = setup();
    expect(mmu.translate(0x1000, ACCESS_READ, 0)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x04); // level 0 entry invalid
    mapPage(mem, root0, 0x1000, mem.allocFrame(), { el0Read: true });
    expect(mmu.translate(0x3000, ACCESS_READ, 0)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x07); // same L3 table, page missing: level 3
    expect(mmu.translate(0x4000_0000, ACCESS_READ, 0)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x05); // next 1 GiB: level 1 entry invalid
    // Top 16 bits neither all 0 nor all 1: translation fault level 0.
    expect(mmu.translate(2 ** 48, ACCESS_READ, 1)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x04);
  });

  it('enforces AP[2:1], UXN and PXN (with implicit PXN on EL0-writable pages)', () => {
    const { mem, mmu, root0 } = setup();
    mapPage(mem, root0, 0x1000, mem.allocFrame(), {}); // EL1 RW, EL0 none
    mapPage(mem, root0, 0x2000, mem.allocFrame(), { el0Read: true, el1Write: false }); // RO both
    mapPage(mem, root0, 0x3000, mem.allocFrame(), { el0Write: true }); // RW both
    mapPage(mem, root0, 0x4000, mem.allocFrame(), { el0Read: true, el1Write: false, uxn: true, pxn: true });
    const ok = (va: number, acc: number, el: number): boolean => mmu.translate(va, acc, el) >= 0;
    expect([ok(0x1000, ACCESS_READ, 0), ok(0x1000, ACCESS_READ, 1), ok(0x1000, ACCESS_WRITE, 1)]).toEqual([false, true, true]);
    expect(mmu.translate(0x1000, ACCESS_READ, 0)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x0f); // permission fault, level 3
    expect([ok(0x2000, ACCESS_READ, 0), ok(0x2000, ACCESS_WRITE, 0), ok(0x2000, ACCESS_WRITE, 1)]).toEqual([true, false, false]);
    expect([ok(0x3000, ACCESS_WRITE, 0), ok(0x3000, ACCESS_EXEC, 0), ok(0x3000, ACCESS_EXEC, 1)]).toEqual([true, true, false]);
    expect([ok(0x4000, ACCESS_EXEC, 0), ok(0x4000, ACCESS_EXEC, 1), ok(0x4000, ACCESS_READ, 0)]).toEqual([false, false, true]);
    expect(protectPage(mem, root0, 0x4000, { el0Read: true, el1Write: false })).toBe(true);
    mmu.tlb.flushAll();
    expect(ok(0x4000, ACCESS_EXEC, 0)).toBe(true);
    expect(unmapPage(mem, root0, 0x4000)).toBeGreaterThan(0);
    mmu.tlb.flushAll();
    expect(ok(0x4000, ACCESS_READ, 0)).toBe(false);
    expect(mmu.lastFsc).toBe(0x07);
  });

  it('raises an access flag fault when AF is clear, and maps 2 MiB blocks at level 2', () => {
    const { mem, mmu, root0 } = setup();
    mapPage(mem, root0, 0x1000, mem.allocFrame(), { el0Read: true });
    // Find the L3 entry through the tables and clear AF.
    const walk = (table: number, idx: number): number => {
      const lo = mem.view.getUint32(table + idx * 8, true);
      return lo & 0xfffff000;
    };
    const l1 = walk(root0, 0);
    const l2 = walk(l1, 0);
    const l3 = walk(l2, 0);
    mem.view.setUint32(l3 + 8, mem.view.getUint32(l3 + 8, true) & ~DESC_AF, true);
    expect(mmu.translate(0x1000, ACCESS_READ, 0)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x0b); // access flag fault, level 3
    // Level 2 block: VA 0x200000..0x3fffff → PA 0x200000.., EL1 only.
    mem.view.setUint32(l2 + 8, 0x200000 | DESC_AF | 0x1, true);
    mem.view.setUint32(l2 + 12, 0, true);
    expect(mmu.translate(0x3456_78, ACCESS_READ, 1)).toBe(0x345678);
    expect(mmu.translate(0x3456_78, ACCESS_READ, 0)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x0e); // permission fault at level 2
    expect(mmu.probe(0x200000)).toMatchObject({ pa: 0x200000, level: 2 });
    // A block whose output lies outside physical memory: synchronous external abort.
    mem.view.setUint32(l2 + 16, 0x3fe00000 | DESC_AF | 0x1, true);
    expect(mmu.translate(0x400000, ACCESS_READ, 1)).toBe(-1);
    expect(mmu.lastFsc).toBe(0x10);
  });

  it('counts TLB hits, misses, walks and flushes', () => {
    const { mem, mmu, root0 } = setup();
    mapPage(mem, root0, 0x1000, mem.allocFrame(), { el0Write: true });
    const walks = mmu.pageWalks;
    mmu.translate(0x1000, ACCESS_READ, 0);
    mmu.translate(0x1008, ACCESS_WRITE, 0);
    mmu.translate(0x1ff8, ACCESS_READ, 1);
    expect(mmu.pageWalks - walks).toBe(1);
    expect(mmu.tlb.hits).toBe(2);
    expect(mmu.tlb.misses).toBe(1);
    const flushes = mmu.tlb.flushes;
    mmu.tlb.flushAll();
    expect(mmu.tlb.flushes).toBe(flushes + 1);
    mmu.translate(0x1000, ACCESS_READ, 0);
    expect(mmu.pageWalks - walks).toBe(2);
    // probe() is for debuggers: no walk counted, no TLB change.
    mmu.probe(0x1000);
    expect(mmu.pageWalks - walks).toBe(2);
  });

  it('copies to and from user memory across pages and never half-writes on a fault', () => {
    const { mem, mmu, root0 } = setup();
    mapPage(mem, root0, 0x1000, mem.allocFrame(), { el0Write: true });
    mapPage(mem, root0, 0x2000, mem.allocFrame(), { el0Write: true });
    mapPage(mem, root0, 0x3000, mem.allocFrame(), {});
    const data = new Uint8Array(64).map((_, i) => i + 1);
    expect(writeVirt(mmu, 0x1fe0, data, true)).toEqual({ ok: true, value: 64 });
    const back = readVirt(mmu, 0x1fe0, 64, true);
    expect(back.ok && Array.from(back.value)).toEqual(Array.from(data));
    const r = writeVirt(mmu, 0x2fe0, data, true);
    expect(r).toEqual({ ok: false, va: 0x3000, fsc: 0x0f });
    const after = readVirt(mmu, 0x2fe0, 32, true);
    expect(after.ok && after.value.every((b) => b === 0)).toBe(true);
    expect(readVirt(mmu, 0x3000, 4, false).ok).toBe(true);
  });
});
