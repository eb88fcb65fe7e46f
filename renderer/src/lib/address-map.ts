// Layout math for the address-space map (pure; no DOM).
//
// A 64-bit space is split into a user half at the bottom, a kernel half at the top
// and, between them, addresses no translation reaches — a gap far larger than both
// halves together. Where the halves end depends on the architecture:
//
// - x86-64 with 4-level paging: user 0 .. 2^47, kernel 2^64 - 2^47 .. 2^64; the rest
//   is non-canonical, and touching it raises #GP (SDM Vol 1 §3.3.7.1).
// - arm64 with 48-bit VAs (TCR_EL1.T0SZ = T1SZ = 16): TTBR0_EL1 translates
//   0 .. 2^48, TTBR1_EL1 2^64 - 2^48 .. 2^64; an address in neither range takes a
//   level 0 translation fault (Arm ARM, TCR_EL1.T0SZ/T1SZ; the layout table in
//   Linux's Documentation/arch/arm64/memory.rst).
//
// No linear drawing can show all three, so the overview gives each part a fixed
// share of the bar and says so; the zoom then lays out the mapped regions with
// heights growing with log2 of their size, and the gaps between them squeezed
// the same way, so a 4 KiB [vvar] and an 8 MiB stack are both visible.

import type { Arch } from '../../../core/trace/events.js';

export const SPACE_END = 1n << 64n;

export type SpacePart = 'user' | 'hole' | 'kernel';

/** Where one architecture splits the space, and what the parts are called. */
export interface SpaceLayout {
  arch: Arch;
  /** First address past the user half. */
  userEnd: bigint;
  /** First address of the kernel half. */
  kernelStart: bigint;
  names: Record<SpacePart, string>;
  /** What happens on an access between the halves. */
  holeWhy: string;
}

export const SPACE_LAYOUTS: Record<Arch, SpaceLayout> = {
  x86_64: {
    arch: 'x86_64',
    userEnd: 1n << 47n,
    kernelStart: SPACE_END - (1n << 47n),
    names: { user: 'user half', hole: 'non-canonical hole', kernel: 'kernel half' },
    holeWhy: 'non-canonical: bits 63..47 differ, so any access raises #GP',
  },
  arm64: {
    arch: 'arm64',
    userEnd: 1n << 48n,
    kernelStart: SPACE_END - (1n << 48n),
    names: { user: 'user half (TTBR0)', hole: 'no TTBR0/1 range', kernel: 'kernel half (TTBR1)' },
    holeWhy: 'in neither the TTBR0 nor the TTBR1 range, so any access takes a translation fault',
  },
};

/** The layout for a machine's arch; anything unknown is drawn as x86-64. */
export function spaceLayout(arch: string | null | undefined): SpaceLayout {
  return arch === 'arm64' ? SPACE_LAYOUTS.arm64 : SPACE_LAYOUTS.x86_64;
}

/** The host's arch as Node's os.arch() spells it ('x64', 'arm64') as a machine arch. */
export function hostSpaceLayout(nodeArch: string | null | undefined): SpaceLayout {
  return spaceLayout(nodeArch === 'arm64' ? 'arm64' : 'x86_64');
}

/** Shares of the overview bar (bottom to top): user half, hole, kernel half. */
export const PART_SHARE: Record<SpacePart, number> = { user: 0.4, hole: 0.2, kernel: 0.4 };

export function partOf(addr: bigint, layout: SpaceLayout): SpacePart {
  if (addr < layout.userEnd) return 'user';
  if (addr < layout.kernelStart) return 'hole';
  return 'kernel';
}

/** How many times both halves together the gap between them is (x86-64: 65,535; arm64: 32,767). */
export function holeRatio(layout: SpaceLayout): bigint {
  return (layout.kernelStart - layout.userEnd) / (layout.userEnd + (SPACE_END - layout.kernelStart));
}

/**
 * Position of `addr` on the overview, 0 (address 0) .. 1 (2^64). Linear inside
 * each part; the parts themselves are drawn at PART_SHARE, not to scale.
 */
export function overviewPosition(addr: bigint, layout: SpaceLayout): number {
  const { userEnd, kernelStart } = layout;
  const a = addr < 0n ? 0n : addr > SPACE_END ? SPACE_END : addr;
  const frac = (x: bigint, lo: bigint, hi: bigint) => Number(((x - lo) * 1_000_000n) / (hi - lo)) / 1_000_000;
  if (a < userEnd) return PART_SHARE.user * frac(a, 0n, userEnd);
  if (a < kernelStart) return PART_SHARE.user + PART_SHARE.hole * frac(a, userEnd, kernelStart);
  return PART_SHARE.user + PART_SHARE.hole + PART_SHARE.kernel * frac(a, kernelStart, SPACE_END);
}

/** Bytes as people say them: 4 KiB, 8 MiB, 128 TiB, 16.0 EiB (one decimal when not whole). */
export function formatSize(bytes: bigint): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let u = 0;
  while (u < units.length - 1 && bytes >= 1n << BigInt(10 * (u + 1))) u++;
  const scale = 1n << BigInt(10 * u);
  if (bytes % scale === 0n) return `${bytes / scale} ${units[u]}`;
  return `${(Number(bytes) / Number(scale)).toFixed(1)} ${units[u]}`;
}

export interface MapRegionLike {
  start: string;
  end: string;
  perms: string;
  /** [stack], a path, or '' for anonymous memory. */
  path: string;
}

export interface ZoomBox {
  kind: 'region' | 'gap';
  start: bigint;
  end: bigint;
  /** From the top of the zoom column (high addresses at the top, as in the kernel's diagrams). */
  y: number;
  height: number;
  label: string;
  perms: string;
  part: SpacePart;
  /** A gap that runs from one half across the hole into the other. */
  spansHole: boolean;
}

/** Regions sorted by start, each [start, end) with end > start; bad rows are dropped. */
export function normalizeRegions(regions: readonly MapRegionLike[]): { start: bigint; end: bigint; perms: string; label: string }[] {
  const out: { start: bigint; end: bigint; perms: string; label: string }[] = [];
  for (const r of regions) {
    let start: bigint;
    let end: bigint;
    try {
      start = BigInt(r.start);
      end = BigInt(r.end);
    } catch {
      continue;
    }
    if (end <= start) continue;
    out.push({ start, end, perms: r.perms, label: r.path === '' ? 'anonymous' : (r.path.split('/').pop() ?? r.path) });
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

const log2 = (n: bigint): number => {
  // Exact enough for sizes up to 2^64: the bit length, plus the fraction from the top bits.
  const s = n.toString(2);
  const top = parseInt(s.slice(0, 20), 2) / 2 ** Math.min(19, s.length - 1);
  return s.length - 1 + Math.log2(top);
};

/**
 * The zoom column: regions and the gaps between them, top (highest address) to
 * bottom. A region's weight is log2(size in pages) + 1; a gap's is a third of
 * log2 of its size in pages, so gaps stay visible but never dominate.
 */
export function zoomLayout(regions: readonly MapRegionLike[], height: number, layout: SpaceLayout, minRegion = 14): ZoomBox[] {
  const rs = normalizeRegions(regions);
  const items: Omit<ZoomBox, 'y' | 'height'>[] = [];
  const weights: number[] = [];
  rs.forEach((r, i) => {
    const prev = rs[i - 1];
    if (prev && r.start > prev.end) {
      const spansHole = prev.end < layout.kernelStart && r.start > layout.userEnd;
      items.push({ kind: 'gap', start: prev.end, end: r.start, label: formatSize(r.start - prev.end), perms: '', part: partOf(prev.end, layout), spansHole });
      weights.push(log2((r.start - prev.end) / 4096n + 1n) / 3);
    }
    items.push({ kind: 'region', start: r.start, end: r.end, label: r.label, perms: r.perms, part: partOf(r.start, layout), spansHole: false });
    weights.push(log2((r.end - r.start) / 4096n + 1n) + 1);
  });
  if (items.length === 0) return [];
  const regionsCount = items.filter((i) => i.kind === 'region').length;
  const spare = Math.max(0, height - regionsCount * minRegion);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  // Bottom-up (low addresses first), then flipped so high addresses are at the top.
  const boxes: ZoomBox[] = [];
  let bottom = height;
  items.forEach((it, i) => {
    const h = (it.kind === 'region' ? minRegion : 0) + (spare * weights[i]!) / total;
    boxes.push({ ...it, y: bottom - h, height: h });
    bottom -= h;
  });
  return boxes.reverse();
}

/** Where a region's start lands in the zoom column (for ASLR arrows between runs); null if not shown. */
export function zoomY(boxes: readonly ZoomBox[], addr: bigint): number | null {
  for (const b of boxes) {
    if (addr >= b.start && addr < b.end) {
      const f = Number(((addr - b.start) * 1000n) / (b.end - b.start)) / 1000;
      return b.y + b.height * (1 - f);
    }
  }
  return null;
}

export const hexAddr = (v: bigint): string => `0x${v.toString(16).padStart(12, '0')}`;
/** All 16 digits, as the boundaries are written in the manuals. */
export const hex64 = (v: bigint): string => `0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')}`;
