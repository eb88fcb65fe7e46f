// The MMU as the CPU and kernel use it: TLB fill/hit/flush counters, invlpg, CR3
// switches, faults as values for uaccess helpers, page-straddling accesses.

import { describe, expect, it } from 'vitest';
import { PhysicalMemory } from '../../../../core/mm/phys-memory.js';
import { X86Mmu } from '../../../../core/mm/x86-64/mmu.js';
import { X86Fault } from '../../../../core/mm/x86-64/fault.js';
import { mapPage, newPml4, shareKernelHalf, ACCESS_WRITE, PF_P, PF_U, PF_W } from '../../../../core/mm/x86-64/page-table.js';

function setup(): { mem: PhysicalMemory; mmu: X86Mmu } {
  const mem = new PhysicalMemory(16 * 1024 * 1024, 1024 * 1024);
  const mmu = new X86Mmu(mem);
  mmu.setCr3(newPml4(mem));
  return { mem, mmu };
}

describe('X86Mmu', () => {
  it('fills the TLB on a miss and hits afterwards; CR3 writes flush', () => {
    const { mem, mmu } = setup();
    mapPage(mem, mmu.cr3, 0x1000, mem.allocFrame(), { writable: true });
    mmu.write32(0x1000, 0x11223344);
    const misses = mmu.tlb.misses;
    const walks = mmu.pageWalks;
    expect(mmu.read32(0x1000)).toBe(0x11223344);
    expect(mmu.read16(0x1002)).toBe(0x1122);
    expect(mmu.tlb.misses).toBe(misses);
    expect(mmu.pageWalks).toBe(walks);
    mmu.setCr3(mmu.cr3);
    expect(mmu.read8(0x1003)).toBe(0x11);
    expect(mmu.tlb.misses).toBe(misses + 1);
    expect(mmu.pageWalks).toBe(walks + 1);
  });

  it('keeps global pages across CR3 writes when CR4.PGE is on', () => {
    const { mem, mmu } = setup();
    mapPage(mem, mmu.cr3, -0x800000000000, mem.allocFrame(), { global: true });
    mapPage(mem, mmu.cr3, 0x1000, mem.allocFrame(), {});
    mmu.pge = true;
    mmu.read8(-0x800000000000);
    mmu.read8(0x1000);
    mmu.setCr3(mmu.cr3);
    const misses = mmu.tlb.misses;
    mmu.read8(-0x800000000000);
    expect(mmu.tlb.misses).toBe(misses); // global: still cached
    mmu.read8(0x1000);
    expect(mmu.tlb.misses).toBe(misses + 1);
    mmu.pge = false;
    mmu.tlb.flushAll();
    mmu.read8(-0x800000000000);
    mmu.setCr3(mmu.cr3);
    mmu.read8(-0x800000000000);
    expect(mmu.tlb.misses).toBe(misses + 3); // without PGE the G bit is ignored
  });

  it('keeps using a stale translation until invlpg, as hardware does', () => {
    const { mem, mmu } = setup();
    const a = mem.allocFrame();
    const b = mem.allocFrame();
    mem.view.setUint32(a, 1, true);
    mem.view.setUint32(b, 2, true);
    mapPage(mem, mmu.cr3, 0x7000, a, {});
    expect(mmu.read32(0x7000)).toBe(1);
    mapPage(mem, mmu.cr3, 0x7000, b, {});
    expect(mmu.read32(0x7000)).toBe(1);
    const flushes = mmu.tlb.flushes;
    mmu.invlpg(0x7000);
    expect(mmu.tlb.flushes).toBe(flushes + 1);
    expect(mmu.read32(0x7000)).toBe(2);
    // The helper on the MMU flushes for you.
    mmu.mapPage(0x7000, a, {});
    expect(mmu.read32(0x7000)).toBe(1);
  });

  it('throws #PF as an X86Fault with CR2 address and error code, and #GP for non-canonical', () => {
    const { mem, mmu } = setup();
    mapPage(mem, mmu.cr3, 0x2000, mem.allocFrame(), { user: true });
    mmu.setUser(true);
    try {
      mmu.write8(0x2000, 1);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(X86Fault);
      expect(e).toMatchObject({ vector: 14, errorCode: PF_P | PF_W | PF_U, addr: 0x2000 });
    }
    expect(() => mmu.read8(0x800000000000)).toThrow(X86Fault);
    expect(mmu.probe(0x800000000000)).toEqual({ fault: 'gp', addr: 0x800000000000, errorCode: 0 });
  });

  it('reads and writes 64-bit values straddling two pages', () => {
    const { mem, mmu } = setup();
    mapPage(mem, mmu.cr3, 0x1000, mem.allocFrame(), { writable: true });
    mapPage(mem, mmu.cr3, 0x2000, mem.allocFrame(), { writable: true });
    mmu.write64(0x1ffc, 0x44332211, 0x88776655);
    expect(mmu.read64(0x1ffc)).toBe(0x44332211);
    expect(mmu.hi).toBe(0x88776655 | 0);
    expect(mmu.read32(0x1ffe)).toBe(0x66554433);
  });

  it('a straddling write faults before writing anything', () => {
    const { mem, mmu } = setup();
    mapPage(mem, mmu.cr3, 0x1000, mem.allocFrame(), { writable: true });
    expect(() => mmu.write32(0x1ffe, -1)).toThrow(X86Fault);
    expect(mmu.read16(0x1ffe)).toBe(0);
  });

  it('readVirt/writeVirt copy across pages and return faults as values', () => {
    const { mem, mmu } = setup();
    mapPage(mem, mmu.cr3, 0x1000, mem.allocFrame(), { writable: true, user: true });
    mapPage(mem, mmu.cr3, 0x2000, mem.allocFrame(), { writable: false, user: true });
    const data = Uint8Array.from({ length: 100 }, (_, i) => i);
    expect(mmu.writeVirt(0x1fc0, data.subarray(0, 64), true)).toBe(64);
    expect(mmu.writeVirt(0x1fc0, data, true)).toEqual({ fault: 'page', addr: 0x2000, errorCode: PF_P | PF_W | PF_U });
    expect(mmu.writeVirt(0x1fc0, data, false)).toEqual({ fault: 'page', addr: 0x2000, errorCode: PF_P | PF_W }); // CR0.WP
    mmu.wp = false;
    mmu.tlb.flushAll();
    expect(mmu.writeVirt(0x1fc0, data, false)).toBe(100);
    const back = mmu.readVirt(0x1fc0, 100, true);
    expect(back).toEqual(data);
    expect(mmu.readVirt(0x3ff0, 32, true)).toEqual({ fault: 'page', addr: 0x3ff0, errorCode: PF_U });
    expect(mmu.probe(0x2004, ACCESS_WRITE, true)).toEqual({ fault: 'page', addr: 0x2004, errorCode: PF_P | PF_W | PF_U });
  });

  it('shares the kernel half between address spaces', () => {
    const { mem, mmu } = setup();
    const f = mem.allocFrame();
    mapPage(mem, mmu.cr3, -0x800000000000, f, { writable: true });
    const other = newPml4(mem);
    shareKernelHalf(mem, mmu.cr3, other);
    mmu.setCr3(other);
    expect(mmu.probe(-0x800000000000)).toBe(f);
  });

  it('calls onCodeWrite for frames marked as holding code', () => {
    const { mem, mmu } = setup();
    const f = mem.allocFrame();
    mapPage(mem, mmu.cr3, 0x1000, f, { writable: true });
    const seen: number[] = [];
    mmu.onCodeWrite = (n) => seen.push(n);
    mmu.write8(0x1000, 1);
    mmu.codeFrames[f / 4096] = 1;
    mmu.write8(0x1001, 1);
    expect(seen).toEqual([f / 4096]);
  });
});

describe('X86Mmu stack accessors (address as int32 halves)', () => {
  const halves = (va: number): [number, number] => {
    const h = Math.floor(va / 2 ** 32);
    return [h | 0, (va - h * 2 ** 32) | 0];
  };

  it('read64At/write64At match read64/write64 in both halves and across a page boundary', () => {
    const { mem, mmu } = setup();
    for (const base of [0x7000, -0x7fff0000]) {
      mapPage(mem, mmu.cr3, base, mem.allocFrame(), { writable: true });
      mapPage(mem, mmu.cr3, base + 0x1000, mem.allocFrame(), { writable: true });
      for (const va of [base + 0x10, base + 0xff8, base + 0xffc, base + 0x1ff8]) {
        const [ah, al] = halves(va);
        mmu.write64At(ah, al, 0x11223344, -0x55667788);
        expect(mmu.read64(va)).toBe(0x11223344);
        expect(mmu.hi).toBe(-0x55667788);
        mmu.write64(va, 7, 8);
        expect(mmu.read64At(ah, al)).toBe(7);
        expect(mmu.hi).toBe(8);
      }
    }
  });

  it('fault on a missing or read-only page like write64 does', () => {
    const { mem, mmu } = setup();
    mapPage(mem, mmu.cr3, 0x3000, mem.allocFrame(), { writable: false });
    const [ah, al] = halves(0x3008);
    expect(() => mmu.write64At(ah, al, 1, 2)).toThrow(X86Fault);
    expect(mmu.read64At(ah, al)).toBe(0);
    const [mh, ml] = halves(0x9000);
    expect(() => mmu.read64At(mh, ml)).toThrow(X86Fault);
  });
});
