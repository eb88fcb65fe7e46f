// 64-bit integer helpers on 32-bit halves. The executor keeps every X register as
// two uint32 halves so the hot path never allocates a BigInt; these helpers write
// their 64-bit result into `res` ([0] = low, [1] = high) and the flag helpers into
// `flags` ([0..3] = N, Z, C, V). Typed arrays rather than object fields: V8 stores
// uint32 results into them without boxing.
// Semantics follow the ARM ARM shared pseudocode (AddWithCarry, ShiftReg, ROR).

export const res = new Uint32Array(2);
export const flags = new Uint8Array(4);

const TWO32 = 4294967296;

/** ARM ARM J1.1.3 AddWithCarry on 64 bits; b must already be inverted for subtraction. */
export function addc64(aLo: number, aHi: number, bLo: number, bHi: number, cin: number): void {
  let lo = aLo + bLo + cin;
  const c0 = lo >= TWO32 ? 1 : 0;
  lo = lo >>> 0;
  let hi = aHi + bHi + c0;
  const c = hi >= TWO32 ? 1 : 0;
  hi = hi >>> 0;
  res[0] = lo;
  res[1] = hi;
  flags[0] = hi >>> 31;
  flags[1] = (lo | hi) === 0 ? 1 : 0;
  flags[2] = c;
  flags[3] = ((aHi ^ hi) & (bHi ^ hi)) >>> 31;
}

/** AddWithCarry on 32 bits (W registers); result in res[0], res[1] = 0. */
export function addc32(a: number, b: number, cin: number): void {
  let r = a + b + cin;
  const c = r >= TWO32 ? 1 : 0;
  r = r >>> 0;
  res[0] = r;
  res[1] = 0;
  flags[0] = r >>> 31;
  flags[1] = r === 0 ? 1 : 0;
  flags[2] = c;
  flags[3] = ((a ^ r) & (b ^ r)) >>> 31;
}

export function shl64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    res[0] = lo;
    res[1] = hi;
  } else if (n < 32) {
    res[1] = ((hi << n) | (lo >>> (32 - n))) >>> 0;
    res[0] = (lo << n) >>> 0;
  } else {
    res[1] = (lo << (n - 32)) >>> 0;
    res[0] = 0;
  }
}

export function lsr64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    res[0] = lo;
    res[1] = hi;
  } else if (n < 32) {
    res[0] = ((lo >>> n) | (hi << (32 - n))) >>> 0;
    res[1] = hi >>> n;
  } else {
    res[0] = hi >>> (n - 32);
    res[1] = 0;
  }
}

export function asr64(lo: number, hi: number, n: number): void {
  if (n === 0) {
    res[0] = lo;
    res[1] = hi;
  } else if (n < 32) {
    res[0] = ((lo >>> n) | (hi << (32 - n))) >>> 0;
    res[1] = (hi >> n) >>> 0;
  } else {
    res[0] = (hi >> (n - 32)) >>> 0;
    res[1] = (hi >> 31) >>> 0;
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
    res[0] = lo;
    res[1] = hi;
  } else {
    res[0] = ((lo >>> n) | (hi << (32 - n))) >>> 0;
    res[1] = ((hi >>> n) | (lo << (32 - n))) >>> 0;
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
    res[0] = 0xffffffff;
    res[1] = 0xffffffff;
  } else if (width >= 32) {
    res[0] = 0xffffffff;
    res[1] = width === 32 ? 0 : 0xffffffff >>> (64 - width);
  } else {
    res[0] = width === 0 ? 0 : 0xffffffff >>> (32 - width);
    res[1] = 0;
  }
}

export function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

export function fromBig(v: bigint): void {
  const u = BigInt.asUintN(64, v);
  res[0] = Number(u & 0xffffffffn);
  res[1] = Number(u >> 32n);
}

/** Signed 64-bit value as a JS number (exact for canonical 48-bit addresses). */
export function toSignedNumber(lo: number, hi: number): number {
  return (hi | 0) * TWO32 + (lo >>> 0);
}

/** Split an integral JS number (|v| < 2^53) into two's-complement halves. */
export function fromNumber(v: number): void {
  res[0] = v >>> 0;
  res[1] = Math.floor(v / TWO32) >>> 0;
}
