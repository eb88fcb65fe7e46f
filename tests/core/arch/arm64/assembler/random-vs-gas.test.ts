// Randomised differential test against GNU as: seeded random operands for the
// main forms, many of them deliberately invalid (unencodable immediates,
// misaligned or out-of-range offsets, bad shift amounts). For every line we
// must accept exactly what GNU as accepts, and encode accepted lines to the
// same word.

import { describe, expect, it } from 'vitest';
import { encodeArm64 } from '../../../../../core/arch/arm64/assembler/encoder.js';
import { evalConstExpr } from '../../../../../core/arch/arm64/assembler/const-expr.js';
import { gasErrors, gasText, wordsLE } from './gas.js';

class Rng {
  constructor(private s: bigint) {}
  next(): bigint {
    // xorshift64*
    let x = this.s;
    x ^= x >> 12n;
    x ^= (x << 25n) & 0xffffffffffffffffn;
    x ^= x >> 27n;
    this.s = x;
    return (x * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  }
  int(n: number): number {
    return Number(this.next() % BigInt(n));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  /** A 64-bit value biased towards structured patterns (runs, halves, small numbers). */
  value(): bigint {
    switch (this.int(6)) {
      case 0: return BigInt(this.int(0x10000)) << BigInt(16 * this.int(4));
      case 1: return ~(BigInt(this.int(0x10000)) << BigInt(16 * this.int(4))) & 0xffffffffffffffffn;
      case 2: {
        const e = 2 ** (1 + this.int(6));
        const ones = 1 + this.int(e - 1);
        let elem = (1n << BigInt(ones)) - 1n;
        const r = this.int(e);
        elem = ((elem << BigInt(r)) | (elem >> BigInt(e - r))) & ((1n << BigInt(e)) - 1n);
        let v = 0n;
        for (let i = 0; i < 64; i += e) v |= elem << BigInt(i);
        return this.int(4) === 0 ? v ^ (1n << BigInt(this.int(64))) : v;
      }
      case 3: return BigInt(this.int(5000)) - 500n;
      case 4: return this.next() & 0xffffffffn;
      default: return this.next();
    }
  }
}

const hex = (v: bigint): string => (v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);

function generate(rng: Rng, count: number): string[] {
  const out: string[] = [];
  const xr = (): string => rng.pick(['x0', 'x3', 'x17', 'x30', 'xzr', 'sp']);
  const wr = (): string => rng.pick(['w0', 'w3', 'w17', 'w30', 'wzr', 'wsp']);
  for (let i = 0; i < count; i++) {
    const w64 = rng.int(2) === 0;
    const r = w64 ? xr : wr;
    const any = (): string => (rng.int(2) === 0 ? xr() : wr());
    switch (rng.int(24)) {
      case 0: out.push(`mov ${r()}, #${hex(w64 ? rng.value() : rng.value() & 0xffffffffn)}`); break;
      case 1: out.push(`${rng.pick(['and', 'orr', 'eor', 'ands', 'bic', 'tst x1,'])} ${r()}, ${r()}, #${hex(w64 ? rng.value() : rng.value() & 0xffffffffn)}`.replace('tst x1, ', 'tst ')); break;
      case 2: out.push(`${rng.pick(['add', 'sub', 'adds', 'subs'])} ${r()}, ${r()}, #${rng.int(0x1000000) - 0x800000}`); break;
      case 3: out.push(`${rng.pick(['add', 'sub', 'adds', 'subs', 'cmp x1,'])} ${r()}, ${r()}, #${rng.int(0x1000)}, lsl #${rng.pick([0, 12, 4])}`.replace('cmp x1, ', 'cmp ')); break;
      case 4: out.push(`${rng.pick(['ldr', 'str', 'ldrb', 'strh', 'ldrsw', 'ldrsh', 'ldrsb'])} ${r()}, [${xr()}, #${rng.int(70000) - 1000}]`); break;
      case 5: out.push(`${rng.pick(['ldp', 'stp', 'ldpsw'])} ${r()}, ${r()}, [${xr()}, #${rng.int(1200) - 600}]${rng.pick(['', '!'])}`); break;
      case 6: out.push(`${rng.pick(['ldr', 'str', 'ldrh'])} ${r()}, [${xr()}], #${rng.int(600) - 300}`); break;
      case 7: out.push(`${rng.pick(['lsl', 'lsr', 'asr', 'ror'])} ${r()}, ${r()}, #${rng.int(70)}`); break;
      case 8: out.push(`${rng.pick(['movz', 'movn', 'movk'])} ${r()}, #${rng.int(0x12000)}, lsl #${rng.pick([0, 16, 32, 48, 8])}`); break;
      case 9: out.push(`${rng.pick(['add', 'orr', 'sub', 'eor', 'bic'])} ${r()}, ${r()}, ${r()}, ${rng.pick(['lsl', 'lsr', 'asr', 'ror'])} #${rng.int(70)}`); break;
      case 10: out.push(`${rng.pick(['ubfx', 'sbfx', 'bfi', 'ubfiz'])} ${r()}, ${r()}, #${rng.int(66)}, #${1 + rng.int(66)}`); break;
      case 12: out.push(`${rng.pick(['add', 'sub', 'adds', 'cmp x2,', 'cmn x2,'])} ${r()}, ${r()}, ${any()}${rng.pick(['', ', uxtb', ', uxth #1', ', uxtw #2', ', uxtx #3', ', sxtb #4', ', sxth', ', sxtw #5', ', sxtx', ', lsl #2', ', lsl #5'])}`.replace(/cm([pn]) x2, /, 'cm$1 ')); break;
      case 13: out.push(`mov ${any()}, ${any()}`); break;
      case 14: out.push(`${rng.pick(['ldur', 'stur', 'ldurb', 'ldursw', 'ldtr', 'sttrh'])} ${r()}, [${xr()}, #${rng.int(600) - 300}]`); break;
      case 15: out.push(`${rng.pick(['tbz', 'tbnz'])} ${r()}, #${rng.int(70)}, .`); break;
      case 16: out.push(`${rng.pick(['cset', 'csetm'])} ${r()}, ${rng.pick(['eq', 'ne', 'al', 'nv', 'hs', 'lo', 'gt'])}`); break;
      case 17: out.push(`${rng.pick(['csel', 'csinc', 'csneg'])} ${r()}, ${any()}, ${any()}, ${rng.pick(['eq', 'al', 'nv', 'le'])}`); break;
      case 18: out.push(`${rng.pick(['svc', 'hvc', 'brk', 'hlt'])} #${rng.int(0x11000)}`); break;
      case 19: out.push(`msr ${rng.pick(['daifset', 'daifclr', 'spsel'])}, #${rng.int(20)}`); break;
      case 20: out.push(`extr ${r()}, ${any()}, ${any()}, #${rng.int(70)}`); break;
      case 21: out.push(`${rng.pick(['mul', 'udiv', 'madd', 'smulh', 'umull'])} ${r()}, ${any()}, ${any()}${rng.int(2) ? `, ${any()}` : ''}`); break;
      case 22: out.push(`${rng.pick(['ldxr', 'stxr', 'ldar', 'stlr', 'stlxrb', 'ldaxrh'])} ${any()}, ${rng.pick([any() + ', ', ''])}[${xr()}${rng.pick(['', ', #0', ', #8'])}]`); break;
      default: out.push(`${rng.pick(['ldr', 'str', 'ldrb', 'ldrsw'])} ${r()}, [${xr()}, ${rng.pick(['x5', 'w5', 'sp', 'xzr'])}${rng.pick(['', ', lsl #0', ', lsl #2', ', lsl #3', ', uxtw', ', sxtw #2', ', sxtx', ', uxtw #1'])}]`);
    }
  }
  return out;
}

const ctx = { constant: (e: { text: string }) => evalConstExpr(e.text) };

function ours(line: string): number | string {
  const m = /^(\S+)\s*(.*)$/.exec(line);
  try {
    return encodeArm64(m?.[1] ?? '', m?.[2] ?? '', ctx).word;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('random forms vs aarch64-linux-gnu-as', () => {
  for (const seed of [1n, 2n, 3n, 4n, 5n, 6n]) {
    it(`seed ${seed}: same accept/reject decisions and same words`, () => {
      const lines = generate(new Rng(0x9e3779b97f4a7c15n * seed), 1500);
      const rejected = new Set<number>();
      for (const l of gasErrors(lines.join('\n') + '\n').split('\n')) {
        const m = /:(\d+): Error:/.exec(l);
        if (m) rejected.add(Number(m[1]) - 1);
      }
      const disagree: string[] = [];
      const accepted: string[] = [];
      lines.forEach((line, i) => {
        const o = ours(line);
        if (rejected.has(i) !== (typeof o === 'string')) disagree.push(`${line}: gas ${rejected.has(i) ? 'rejects' : 'accepts'}, ours ${typeof o === 'string' ? `rejects (${o})` : 'accepts'}`);
        if (!rejected.has(i) && typeof o === 'number') accepted.push(line);
      });
      expect(disagree.slice(0, 20)).toEqual([]);
      expect(accepted.length).toBeGreaterThan(250);
      expect(rejected.size).toBeGreaterThan(100);
      const gas = wordsLE(gasText(accepted.join('\n') + '\n'));
      const diffs = accepted.filter((l, i) => ours(l) !== gas[i]).map((l) => `${l}: ours=${(ours(l) as number).toString(16)}`);
      expect(diffs.slice(0, 20)).toEqual([]);
    });
  }
});
