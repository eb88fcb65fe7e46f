// ASLR from the outside: the same program's maps across fresh executions.
// A region that never moves (e.g. [vsyscall], a non-PIE executable) shows 0
// bits; the figures are what this sample saw, not the kernel's configured
// entropy (mmap_rnd_bits), which a few runs can only bound from below.

import type { AslrResult, MapRegion } from '../../common/probe-types.js';

/** A stable name for a region across runs: pseudo-paths as is, files by basename. Anonymous: null. */
export function regionLabel(r: MapRegion): string | null {
  if (r.path === '') return null;
  if (r.path.startsWith('[')) return r.path;
  const base = r.path.replace(/ \(deleted\)$/, '').split('/').pop();
  return base || null;
}

/** The lowest start address per label: a file's first mapping is its load base. */
export function regionBases(regions: MapRegion[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of regions) {
    const label = regionLabel(r);
    if (label === null) continue;
    const start = BigInt(r.start);
    const prev = out.get(label);
    if (prev === undefined || start < prev) out.set(label, start);
  }
  return out;
}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

export function analyzeAslr(runs: MapRegion[][], pageSize = 4096): AslrResult[] {
  const samples = new Map<string, bigint[]>();
  for (const run of runs) {
    for (const [label, base] of regionBases(run)) {
      const list = samples.get(label) ?? [];
      list.push(base);
      samples.set(label, list);
    }
  }
  const out: AslrResult[] = [];
  for (const [region, bases] of samples) {
    let min = bases[0] ?? 0n;
    let max = min;
    for (const b of bases) {
      if (b < min) min = b;
      if (b > max) max = b;
    }
    const spread = max - min;
    const distinct = new Set(bases.map((b) => b.toString())).size;
    out.push({
      op: 'aslr',
      region,
      runs: runs.length,
      seen: bases.length,
      moved: distinct > 1,
      distinct,
      min: hex(min),
      max: hex(max),
      spread: hex(spread),
      spread_bits: round2(Math.log2(Number(spread / BigInt(pageSize)) + 1)),
      sample_bits: round2(Math.log2(distinct)),
    });
  }
  return out.sort((a, b) => (BigInt(a.min) < BigInt(b.min) ? -1 : 1));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
