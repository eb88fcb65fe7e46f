// Logical immediates: encode/decode round trips (ARM ARM DecodeBitMasks), the
// well-known counts of encodable values, and rejection of the rest.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBitmaskImmediate, encodeBitmaskImmediate } from '../../../../../core/arch/arm64/assembler/bitmask-immediate.js';
import { allBitmaskImmediates } from './corpus.js';

describe('bitmask immediates', () => {
  it('has 5334 encodable 64-bit values and 1302 32-bit values', () => {
    expect(allBitmaskImmediates(64).length).toBe(5334);
    expect(allBitmaskImmediates(32).length).toBe(1302);
  });
  it('encodes every encodable value to fields that decode back to it', () => {
    for (const width of [32, 64] as const) {
      for (const v of allBitmaskImmediates(width)) {
        const f = encodeBitmaskImmediate(v, width);
        expect(f).toBeDefined();
        if (f) expect(decodeBitmaskImmediate(f, width)).toBe(v);
      }
    }
  });
  it('rejects 0, all-ones and random non-patterns; accepts only what decodes back', () => {
    expect(encodeBitmaskImmediate(0n, 64)).toBeUndefined();
    expect(encodeBitmaskImmediate(-1n, 64)).toBeUndefined();
    expect(encodeBitmaskImmediate(0xffffffffn, 32)).toBeUndefined();
    expect(encodeBitmaskImmediate(0x12345n, 64)).toBeUndefined();
    const valid = new Set(allBitmaskImmediates(64));
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (v) => {
        const f = encodeBitmaskImmediate(v, 64);
        expect(f !== undefined).toBe(valid.has(v));
        if (f) expect(decodeBitmaskImmediate(f, 64)).toBe(v);
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
  it('matches known encodings from the ARM ARM examples', () => {
    // and x0, x1, #0xfffffffffffffffe -> N=1 immr=63 imms=62 (GNU as: 927ff820)
    expect(encodeBitmaskImmediate(0xfffffffffffffffen, 64)).toEqual({ n: 1, immr: 63, imms: 62 });
    // 0x5555555555555555: 2-bit element 01 -> imms=0b111100
    expect(encodeBitmaskImmediate(0x5555555555555555n, 64)).toEqual({ n: 0, immr: 0, imms: 0x3c });
  });
});
