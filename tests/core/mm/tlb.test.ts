import { describe, expect, it } from 'vitest';
import { Tlb } from '../../../core/mm/tlb.js';

describe('Tlb', () => {
  it('counts hits and misses and checks permission bits', () => {
    const t = new Tlb(64);
    expect(t.lookup(5, 1)).toBe(-1);
    t.insert(5, 0x3000, 0b011);
    const slot = t.lookup(5, 0b001);
    expect(slot).toBeGreaterThanOrEqual(0);
    expect(t.frame[slot]).toBe(0x3000);
    expect(t.lookup(5, 0b100)).toBe(-1); // missing permission is a miss
    expect(t.stats).toEqual({ hits: 1, misses: 2, flushes: 0 });
  });

  it('handles negative (kernel-half) page numbers and conflicting slots', () => {
    const t = new Tlb(64);
    const kernel = Math.floor(-0x800000000000 / 4096);
    t.insert(kernel, 0x1000, 1);
    expect(t.lookup(kernel, 1)).toBeGreaterThanOrEqual(0);
    t.insert(kernel + 64, 0x2000, 1); // same slot, evicts
    expect(t.lookup(kernel, 1)).toBe(-1);
    expect(t.frame[t.lookup(kernel + 64, 1)]).toBe(0x2000);
  });

  it('flushPage drops one page, flushAll everything, flushFrame by physical frame', () => {
    const t = new Tlb(64);
    t.insert(1, 0x1000, 1);
    t.insert(2, 0x2000, 1);
    t.insert(3, 0x2000, 1);
    t.flushPage(1);
    expect(t.lookup(1, 1)).toBe(-1);
    expect(t.lookup(2, 1)).not.toBe(-1);
    t.flushFrame(0x2000);
    expect(t.lookup(2, 1)).toBe(-1);
    expect(t.lookup(3, 1)).toBe(-1);
    t.insert(4, 0x4000, 1);
    t.flushAll();
    expect(t.lookup(4, 1)).toBe(-1);
    expect(t.flushes).toBe(2);
  });

  it('flushExcept keeps entries carrying a kept permission bit', () => {
    const t = new Tlb(64);
    t.insert(1, 0x1000, 1 | 64);
    t.insert(2, 0x2000, 1);
    t.flushExcept(64);
    expect(t.lookup(1, 1)).not.toBe(-1);
    expect(t.lookup(2, 1)).toBe(-1);
  });

  it('rejects sizes that are not powers of two', () => {
    expect(() => new Tlb(100)).toThrow(RangeError);
  });
});
