// Logical (bitmask) immediates. ARM ARM C6.2 "AND (immediate)" and the
// pseudocode DecodeBitMasks (J1.1): the value is a pattern of `e` bits
// (e = 2..64) replicated across the register, where the pattern is a run of
// s+1 ones rotated right by r. The encoding is N:immr:imms with imms carrying
// both the element size (leading ones) and s.

export interface BitmaskFields {
  readonly n: number;
  readonly immr: number;
  readonly imms: number;
}

const MASK64 = (1n << 64n) - 1n;

function ror(v: bigint, r: number, e: number): bigint {
  const mask = (1n << BigInt(e)) - 1n;
  if (r === 0) return v & mask;
  return ((v >> BigInt(r)) | (v << BigInt(e - r))) & mask;
}

/** Encode `value` (interpreted at `width` bits) as a logical immediate, or undefined if impossible. */
export function encodeBitmaskImmediate(value: bigint, width: 32 | 64): BitmaskFields | undefined {
  let v = value & MASK64;
  if (width === 32) {
    v &= 0xffffffffn;
    v |= v << 32n;
  }
  if (v === 0n || v === MASK64) return undefined;
  // Work on the binary string (bit 63 first): cheaper than BigInt loops.
  const bits = v.toString(2).padStart(64, '0');
  // Smallest element size whose replication reproduces v.
  let e = 64;
  while (e > 2) {
    const half = e / 2;
    if (bits.slice(64 - e, 64 - half) !== bits.slice(64 - half)) break;
    e = half;
  }
  const elem = bits.slice(64 - e);
  let ones = 0;
  for (const c of elem) if (c === '1') ones++;
  // L = bit position where the run of ones starts (it may wrap round the element).
  let start: number;
  if (/^0*1+0*$/.test(elem)) start = e - 1 - elem.lastIndexOf('1');
  else if (/^1+0+1+$/.test(elem)) start = e - 1 - elem.lastIndexOf('0') + (e - ones);
  else return undefined;
  const imms = ((-e << 1) & 0x3f) | (ones - 1);
  return { n: e === 64 ? 1 : 0, immr: (e - start) % e, imms };
}

/** Inverse of encodeBitmaskImmediate (DecodeBitMasks wmask), used by tests and the disassembler. */
export function decodeBitmaskImmediate(f: BitmaskFields, width: 32 | 64): bigint | undefined {
  const combined = (f.n << 6) | (~f.imms & 0x3f);
  if (combined === 0) return undefined;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return undefined;
  const e = 1 << len;
  if (e > width) return undefined;
  const levels = e - 1;
  const s = f.imms & levels;
  const r = f.immr & levels;
  if (s === levels) return undefined;
  const elem = ror((1n << BigInt(s + 1)) - 1n, r, e);
  let v = 0n;
  for (let i = 0; i < width; i += e) v |= elem << BigInt(i);
  return v;
}
