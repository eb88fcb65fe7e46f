// The kernel's randomness (ASLR offsets, AT_RANDOM, /dev/urandom), all from the run's seed.

import { seededRandom, type RandomSource } from './vfs/devices.js';

export class SeededRandom {
  readonly fill: RandomSource;
  constructor(seed: number) {
    this.fill = seededRandom(BigInt(seed));
  }

  /** A uniform integer in [0, n) for n ≤ 2^48. */
  below(n: number): number {
    const b = new Uint8Array(8);
    this.fill(b);
    const v = new DataView(b.buffer);
    const x = v.getUint32(0, true) * 65536 + (v.getUint32(4, true) & 0xffff);
    return x % n;
  }

  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    this.fill(b);
    return b;
  }
}
