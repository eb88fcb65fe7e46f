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

  it('handles negative (kernel-half) page numbers; two pages share a set, a third evicts the least recent', () => {
    const t = new Tlb(64);
    const kernel = Math.floor(-0x800000000000 / 4096);
    t.insert(kernel, 0x1000, 1);
    expect(t.lookup(kernel, 1)).toBeGreaterThanOrEqual(0);
    t.insert(kernel + 64, 0x2000, 1); // same set: the first page moves to the victim way
    expect(t.frame[t.lookup(kernel, 1)]).toBe(0x1000); // and swaps back on use
    expect(t.frame[t.lookup(kernel + 64, 1)]).toBe(0x2000);
    // Alternating between the two never misses (a direct-mapped TLB would miss every time).
    const before = t.misses;
    for (let n = 0; n < 10; n++) {
      t.lookup(kernel, 1);
      t.lookup(kernel + 64, 1);
    }
    expect(t.misses).toBe(before);
    t.insert(kernel + 128, 0x3000, 1); // a third page evicts the least recently used (kernel)
    expect(t.lookup(kernel, 1)).toBe(-1);
    expect(t.frame[t.lookup(kernel + 64, 1)]).toBe(0x2000);
    expect(t.frame[t.lookup(kernel + 128, 1)]).toBe(0x3000);
  });

  it('flushes reach both ways', () => {
    const t = new Tlb(64);
    t.insert(1, 0x1000, 1);
    t.insert(65, 0x2000, 1);
    t.flushPage(1);
    expect(t.lookup(1, 1)).toBe(-1);
    expect(t.lookup(65, 1)).not.toBe(-1);
    t.insert(1, 0x1000, 1);
    t.flushFrame(0x2000);
    expect(t.lookup(65, 1)).toBe(-1);
    t.insert(65, 0x2000, 1 | 64);
    t.flushExcept(64);
    expect(t.lookup(1, 1)).toBe(-1);
    expect(t.lookup(65, 1)).not.toBe(-1);
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
