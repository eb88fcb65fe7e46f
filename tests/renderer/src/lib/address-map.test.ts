// Address-space map layout, checked against the architectural boundaries and a real
// /proc/self/maps (this test process's own, read natively).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMaps } from '../../../../electron/host/probes/maps-parse.js';
import { formatSize, KERNEL_START, overviewPosition, PART_SHARE, partOf, USER_END, zoomLayout, zoomY } from '../../../../renderer/src/lib/address-map.js';

describe('overview', () => {
  it('puts the canonical boundaries at the part edges and keeps order', () => {
    expect(overviewPosition(0n)).toBe(0);
    expect(overviewPosition(USER_END)).toBeCloseTo(PART_SHARE.user, 6);
    expect(overviewPosition(KERNEL_START)).toBeCloseTo(PART_SHARE.user + PART_SHARE.hole, 6);
    expect(overviewPosition(1n << 64n)).toBe(1);
    const samples = [0n, 0x400000n, 0x7ffc_0000_0000n, USER_END - 1n, USER_END, 1n << 63n, KERNEL_START, 0xffff_ffff_8100_0000n, (1n << 64n) - 1n];
    const ys = samples.map(overviewPosition);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('classifies addresses by half', () => {
    expect(partOf(0x7fff_ffff_f000n)).toBe('user');
    expect(partOf(0x8000_0000_0000n)).toBe('hole');
    expect(partOf(0xffff_8000_0000_0000n)).toBe('kernel');
  });

  it('names sizes as people say them', () => {
    expect(formatSize(4096n)).toBe('4 KiB');
    expect(formatSize(8n << 20n)).toBe('8 MiB');
    expect(formatSize(USER_END)).toBe('128 TiB');
    expect(formatSize(KERNEL_START - USER_END)).toBe('16.0 EiB');
    expect(formatSize(1536n)).toBe('1.5 KiB');
    expect(formatSize(135168n)).toBe('132 KiB');
  });
});

describe('zoomLayout', () => {
  const regions = [
    { start: '0x400000', end: '0x401000', perms: 'r--p', path: '/a.out' },
    { start: '0x401000', end: '0x402000', perms: 'r-xp', path: '/a.out' },
    { start: '0x7ffc00000000', end: '0x7ffc00800000', perms: 'rw-p', path: '[stack]' },
    { start: '0x7ffc00900000', end: '0x7ffc00904000', perms: 'r--p', path: '[vvar]' },
    { start: '0x7ffc00904000', end: '0x7ffc00906000', perms: 'r-xp', path: '[vdso]' },
  ];

  it('stacks regions and gaps high-to-low and fills exactly the height', () => {
    const boxes = zoomLayout(regions, 600);
    expect(boxes.map((b) => b.label)).toEqual(['[vdso]', '[vvar]', '1 MiB', '[stack]', expect.stringMatching(/TiB|GiB/), 'a.out', 'a.out']);
    expect(boxes.reduce((a, b) => a + b.height, 0)).toBeCloseTo(600, 6);
    boxes.forEach((b, i) => i > 0 && expect(b.y).toBeCloseTo(boxes[i - 1]!.y + boxes[i - 1]!.height, 6));
    const stack = boxes.find((b) => b.label === '[stack]')!;
    const vdso = boxes.find((b) => b.label === '[vdso]')!;
    expect(stack.height).toBeGreaterThan(vdso.height);
    expect(vdso.height).toBeGreaterThanOrEqual(14);
    // Adjacent regions have no gap between them.
    expect(boxes.filter((b) => b.kind === 'gap')).toHaveLength(2);
  });

  it('maps an address to a y inside its box, higher addresses higher up', () => {
    const boxes = zoomLayout(regions, 600);
    const a = zoomY(boxes, 0x400000n)!;
    const b = zoomY(boxes, 0x7ffc00000000n)!;
    expect(b).toBeLessThan(a);
    expect(zoomY(boxes, 0x10n)).toBeNull();
  });

  it('lays out this process’s real maps without overlaps', () => {
    const native = parseMaps(readFileSync('/proc/self/maps', 'utf8'));
    expect(native.length).toBeGreaterThan(5);
    const boxes = zoomLayout(native, 2000, 4);
    expect(boxes.filter((b) => b.kind === 'region')).toHaveLength(native.length);
    for (const b of boxes) expect(b.height).toBeGreaterThan(0);
    expect(boxes.some((b) => b.label === '[stack]')).toBe(true);
  });

  it('drops rows that are not regions', () => {
    expect(zoomLayout([{ start: 'zz', end: '0x1', perms: '', path: '' }, { start: '0x2000', end: '0x1000', perms: '', path: '' }], 100)).toEqual([]);
  });
});
