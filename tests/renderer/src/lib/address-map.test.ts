// Address-space map layout, checked against the architectural boundaries (SDM Vol 1
// §3.3.7.1 for x86-64; TTBR0/TTBR1 with 48-bit VAs for arm64), the emulated arm64
// kernel's own exec layout, and a real /proc/self/maps (this test process's, read natively).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../../../core/machine.js';
import { kernelRegions, mapsText } from '../../../../core/machine-inspect.js';
import { parseMaps } from '../../../../electron/host/probes/maps-parse.js';
import {
  formatSize,
  hex64,
  holeRatio,
  hostSpaceLayout,
  overviewPosition,
  PART_SHARE,
  partOf,
  SPACE_LAYOUTS,
  spaceLayout,
  zoomLayout,
  zoomY,
} from '../../../../renderer/src/lib/address-map.js';

const X86 = SPACE_LAYOUTS.x86_64;
const A64 = SPACE_LAYOUTS.arm64;

describe('overview', () => {
  it('splits the space where each architecture does', () => {
    expect(hex64(X86.userEnd - 1n)).toBe('0x00007fffffffffff');
    expect(hex64(X86.kernelStart)).toBe('0xffff800000000000');
    expect(hex64(A64.userEnd - 1n)).toBe('0x0000ffffffffffff');
    expect(hex64(A64.kernelStart)).toBe('0xffff000000000000');
    expect(X86.names.hole).toMatch(/non-canonical/);
    expect(A64.names.hole).toMatch(/TTBR0/);
    expect(A64.holeWhy).toMatch(/translation fault/);
    expect(X86.holeWhy).toMatch(/#GP/);
  });

  it.each([X86, A64])('puts the $arch boundaries at the part edges and keeps order', (layout) => {
    expect(overviewPosition(0n, layout)).toBe(0);
    expect(overviewPosition(layout.userEnd, layout)).toBeCloseTo(PART_SHARE.user, 6);
    expect(overviewPosition(layout.kernelStart, layout)).toBeCloseTo(PART_SHARE.user + PART_SHARE.hole, 6);
    expect(overviewPosition(1n << 64n, layout)).toBe(1);
    const samples = [0n, 0x400000n, 0x7ffc_0000_0000n, layout.userEnd - 1n, layout.userEnd, 1n << 63n, layout.kernelStart, 0xffff_ffff_8100_0000n, (1n << 64n) - 1n];
    const ys = samples.map((a) => overviewPosition(a, layout));
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  it('classifies addresses by half, per architecture', () => {
    expect(partOf(0x7fff_ffff_f000n, X86)).toBe('user');
    expect(partOf(0x8000_0000_0000n, X86)).toBe('hole');
    expect(partOf(0xffff_8000_0000_0000n, X86)).toBe('kernel');
    // arm64's stack top and brk base are user addresses there, non-canonical on x86-64.
    expect(partOf(0xffff_ffff_f000n, A64)).toBe('user');
    expect(partOf(0xffff_ffff_f000n, X86)).toBe('hole');
    expect(partOf(0xaaaa_aaaa_a000n, A64)).toBe('user');
    expect(partOf(0x1_0000_0000_0000n, A64)).toBe('hole');
    expect(partOf(0xffff_0000_0000_0000n, A64)).toBe('kernel');
    expect(partOf(0xffff_0000_0000_0000n, X86)).toBe('hole');
  });

  it('picks the layout from a machine arch or a host arch as Node names it', () => {
    expect(spaceLayout('arm64')).toBe(A64);
    expect(spaceLayout('x86_64')).toBe(X86);
    expect(spaceLayout(undefined)).toBe(X86);
    expect(hostSpaceLayout('arm64')).toBe(A64);
    expect(hostSpaceLayout('x64')).toBe(X86);
  });

  it('names sizes as people say them', () => {
    expect(formatSize(4096n)).toBe('4 KiB');
    expect(formatSize(8n << 20n)).toBe('8 MiB');
    expect(formatSize(X86.userEnd)).toBe('128 TiB');
    expect(formatSize(A64.userEnd)).toBe('256 TiB');
    expect(formatSize(X86.kernelStart - X86.userEnd)).toBe('16.0 EiB');
    expect(formatSize(1536n)).toBe('1.5 KiB');
    expect(formatSize(135168n)).toBe('132 KiB');
  });

  it('says how much larger the gap is than both halves', () => {
    expect(holeRatio(X86)).toBe(65_535n);
    expect(holeRatio(A64)).toBe(32_767n);
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
    const boxes = zoomLayout(regions, 600, X86);
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
    const boxes = zoomLayout(regions, 600, X86);
    const a = zoomY(boxes, 0x400000n)!;
    const b = zoomY(boxes, 0x7ffc00000000n)!;
    expect(b).toBeLessThan(a);
    expect(zoomY(boxes, 0x10n)).toBeNull();
  });

  it('lays out this process’s real maps without overlaps', () => {
    const native = parseMaps(readFileSync('/proc/self/maps', 'utf8'));
    expect(native.length).toBeGreaterThan(5);
    const boxes = zoomLayout(native, 2000, X86, 4);
    expect(boxes.filter((b) => b.kind === 'region')).toHaveLength(native.length);
    for (const b of boxes) expect(b.height).toBeGreaterThan(0);
    expect(boxes.some((b) => b.label === '[stack]')).toBe(true);
  });

  it('drops rows that are not regions', () => {
    expect(zoomLayout([{ start: 'zz', end: '0x1', perms: '', path: '' }, { start: '0x2000', end: '0x1000', perms: '', path: '' }], 100, X86)).toEqual([]);
  });
});

describe('real layouts', () => {
  it('puts every region of this (x86-64) process in the user half but [vsyscall], which is in the kernel half', () => {
    const native = parseMaps(readFileSync('/proc/self/maps', 'utf8'));
    const boxes = zoomLayout(native, 2000, X86, 4).filter((b) => b.kind === 'region');
    for (const b of boxes) expect(b.part, `${b.label} at ${hex64(b.start)}`).toBe(b.label === '[vsyscall]' ? 'kernel' : 'user');
  });

  it("draws the emulated arm64 kernel's process in arm64's user half, its kernel text in the TTBR1 half", () => {
    const built = buildFromSource('.global _start\n.text\n_start:\n        mov x0, #0\n        mov x8, #93\n        svc #0\n', 'arm64');
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch: 'arm64', seed: 7 });
    const maps = parseMaps(mapsText(m));
    const kernel = kernelRegions(m).map((k) => ({ ...k, path: k.name }));
    const boxes = zoomLayout([...maps, ...kernel], 800, A64);
    const stack = boxes.find((b) => b.label === '[stack]')!;
    expect(stack.part).toBe('user');
    // The same stack drawn with x86-64's split would sit in the non-canonical hole.
    expect(partOf(stack.start, X86)).toBe('hole');
    for (const b of boxes.filter((x) => x.kind === 'region')) expect(b.part, b.label).toBe(b.label.startsWith('kernel') ? 'kernel' : 'user');
    const cross = boxes.filter((b) => b.kind === 'gap' && b.spansHole);
    expect(cross).toHaveLength(1);
    expect(cross[0]!.start < A64.userEnd && cross[0]!.end >= A64.kernelStart).toBe(true);
  });
});
