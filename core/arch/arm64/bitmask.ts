// DecodeBitMasks (ARM ARM J1.1.x, shared/functions/bitmasks) precomputed for all
// 8192 N:immr:imms values, so logical-immediate and bitfield instructions read two
// table entries instead of rebuilding the pattern per execution.

const COUNT = 8192;
/** wmask halves per N:immr:imms (index = N<<12 | immr<<6 | imms). */
export const WMASK_LO = new Uint32Array(COUNT);
export const WMASK_HI = new Uint32Array(COUNT);
/** 1 when the combination is a valid logical immediate for 64-bit, 2 for 32-bit (bitmask). */
export const VALID = new Uint8Array(COUNT);

function highestSetBit(x: number): number {
  for (let i = 6; i >= 0; i--) if ((x >> i) & 1) return i;
  return -1;
}

function decode(n: number, immr: number, imms: number, regSize: number): bigint | null {
  const len = highestSetBit((n << 6) | (~imms & 0x3f));
  if (len < 1) return null;
  const levels = (1 << len) - 1;
  const s = imms & levels;
  const r = immr & levels;
  if (s === levels) return null; // all-ones element is reserved for immediates
  const esize = 1 << len;
  if (esize > regSize) return null;
  const welem = (1n << BigInt(s + 1)) - 1n;
  const emask = (1n << BigInt(esize)) - 1n;
  const rot = r === 0 ? welem : ((welem >> BigInt(r)) | (welem << BigInt(esize - r))) & emask;
  let out = 0n;
  for (let i = 0; i < regSize; i += esize) out |= rot << BigInt(i);
  return out;
}

for (let i = 0; i < COUNT; i++) {
  const n = i >> 12;
  const immr = (i >> 6) & 0x3f;
  const imms = i & 0x3f;
  const v64 = decode(n, immr, imms, 64);
  if (v64 !== null) {
    VALID[i] = 1;
    WMASK_LO[i] = Number(v64 & 0xffffffffn);
    WMASK_HI[i] = Number(v64 >> 32n);
  }
  if (n === 0) {
    const v32 = decode(0, immr, imms, 32);
    if (v32 !== null) VALID[i] |= 2;
  }
}

/** The logical immediate value as a bigint (for the disassembler). */
export function logicalImmediate(n: number, immr: number, imms: number, is64: boolean): bigint | null {
  const i = (n << 12) | (immr << 6) | imms;
  if ((VALID[i]! & (is64 ? 1 : 2)) === 0) return null;
  const v = (BigInt(WMASK_HI[i]!) << 32n) | BigInt(WMASK_LO[i]!);
  return is64 ? v : v & 0xffffffffn;
}
