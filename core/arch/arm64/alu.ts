// 64-bit integer helpers on 32-bit halves. The executor keeps every X register as
// two uint32 halves so the hot path never allocates a BigInt; these helpers write
// their 64-bit result into `res` (lo, hi) and the flag helpers into `flags`.
// Semantics follow the ARM ARM shared pseudocode (AddWithCarry, ShiftReg, ROR).

export const res = { lo: 0, hi: 0 };
export const flags = { n: 0, z: 0, c: 0, v: 0 };

const TWO32 = 4294967296;

/** ARM ARM J1.1.3 AddWithCarry on 64 bits; b must already be inverted for subtraction. */
export function addc64(aLo: number, aHi: number, bLo: number, bHi: number, cin: number): void {
  let lo = aLo + bLo + cin;
  const c0 = lo >= TWO32 ? 1 : 0;
  lo = lo >>> 0;
  let hi = aHi + bHi + c0;
  const c = hi >= TWO32 ? 1 : 0;
  hi = hi >>> 0;
  res.lo = lo;
  res.hi = hi;
  flags.n = hi >>> 31;
  flags.z = (lo | hi) === 0 ? 1 : 0;
  flags.c = c;
  flags.v = ((aHi ^ hi) & (bHi ^ hi)) >>> 31;
}

/** AddWithCarry on 32 bits (W registers); result in res.lo, res.hi = 0. */
export function addc32(a: number, b: number, cin: number): void {
  let r = a + b + cin;
  const c = r >= TWO32 ? 1 : 0;
  r = r >>> 0;
  res.lo = r;
  res.hi = 0;
  flags.n = r >>> 31;
  flags.z = r === 0 ? 1 : 0;
  flags.c = c;
  flags.v = ((a ^ r) & (b ^ r)) >>> 31;
}

export function shl64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    res.lo = lo;
    res.hi = hi;
  } else if (n < 32) {
    res.hi = ((hi << n) | (lo >>> (32 - n))) >>> 0;
    res.lo = (lo << n) >>> 0;
  } else {
    res.hi = (lo << (n - 32)) >>> 0;
    res.lo = 0;
  }
}

export function lsr64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    res.lo = lo;
    res.hi = hi;
  } else if (n < 32) {
    res.lo = ((lo >>> n) | (hi << (32 - n))) >>> 0;
    res.hi = hi >>> n;
  } else {
    res.lo = hi >>> (n - 32);
    res.hi = 0;
  }
}

export function asr64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    res.lo = lo;
    res.hi = hi;
  } else if (n < 32) {
    res.lo = ((lo >>> n) | (hi << (32 - n))) >>> 0;
    res.hi = (hi >> n) >>> 0;
  } else {
    res.lo = (hi >> (n - 32)) >>> 0;
    res.hi = (hi >> 31) >>> 0;
  }
}

export function ror64(lo: number, hi: number, n: number): void {
  if (n >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    n -= 32;
  }
  if (n === 0) {
    res.lo = lo;
    res.hi = hi;
  } else {
    res.lo = ((lo >>> n) | (hi << (32 - n))) >>> 0;
    res.hi = ((hi >>> n) | (lo << (32 - n))) >>> 0;
  }
}

export function ror32(x: number, n: number): number {
  return n === 0 ? x : ((x >>> n) | (x << (32 - n))) >>> 0;
}

/** ShiftReg (ARM ARM): type 0 LSL, 1 LSR, 2 ASR, 3 ROR. */
export function shift64(lo: number, hi: number, type: number, n: number): void {
  if (type === 0) shl64(lo, hi, n);
  else if (type === 1) lsr64(lo, hi, n);
  else if (type === 2) asr64(lo, hi, n);
  else ror64(lo, hi, n);
}

export function shift32(x: number, type: number, n: number): number {
  if (n === 0) return x;
  if (type === 0) return (x << n) >>> 0;
  if (type === 1) return x >>> n;
  if (type === 2) return (x >> n) >>> 0;
  return ror32(x, n);
}

/** Low `width` bits set (0..64) into res. */
export function ones64(width: number): void {
  if (width >= 64) {
    res.lo = 0xffffffff;
    res.hi = 0xffffffff;
  } else if (width >= 32) {
    res.lo = 0xffffffff;
    res.hi = width === 32 ? 0 : 0xffffffff >>> (64 - width);
  } else {
    res.lo = width === 0 ? 0 : 0xffffffff >>> (32 - width);
    res.hi = 0;
  }
}

export function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

export function fromBig(v: bigint): void {
  const u = BigInt.asUintN(64, v);
  res.lo = Number(u & 0xffffffffn);
  res.hi = Number(u >> 32n);
}

/** Signed 64-bit value as a JS number (exact for canonical 48-bit addresses). */
export function toSignedNumber(lo: number, hi: number): number {
  return (hi | 0) * TWO32 + (lo >>> 0);
}

/** Split an integral JS number (|v| < 2^53) into two's-complement halves. */
export function fromNumber(v: number): void {
  res.lo = v >>> 0;
  res.hi = Math.floor(v / TWO32) >>> 0;
}
