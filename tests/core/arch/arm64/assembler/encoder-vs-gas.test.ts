// The encoder against GNU as: a generated corpus of thousands of symbol-free
// instructions, assembled by aarch64-linux-gnu-as and by encodeArm64, must give
// the same 32-bit word for every line.

import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { encodeArm64 } from '../../../../../core/arch/arm64/assembler/encoder.js';
import { evalConstExpr } from '../../../../../core/arch/arm64/assembler/const-expr.js';
import type { EncodeCtx } from '../../../../../core/arch/arm64/assembler/encoding-types.js';
import { symbolFreeCorpus } from './corpus.js';
import { gasText, wordsLE } from './gas.js';

const ctx: EncodeCtx = { constant: (e) => evalConstExpr(e.text) };

function encodeLine(line: string): number {
  const m = /^(\S+)\s*(.*)$/.exec(line);
  if (!m) throw new Error(`bad line ${line}`);
  return encodeArm64(m[1] ?? '', m[2] ?? '', ctx).word;
}

describe('AArch64 encoder vs aarch64-linux-gnu-as', () => {
  const corpus = symbolFreeCorpus();
  it('has thousands of lines', () => {
    expect(corpus.length).toBeGreaterThan(5000);
  });
  it('encodes every corpus line to the same word as GNU as', () => {
    const gas = wordsLE(gasText(corpus.join('\n') + '\n'));
    expect(gas.length).toBe(corpus.length);
    const mismatches: string[] = [];
    corpus.forEach((line, i) => {
      let ours: string;
      try {
        ours = encodeLine(line).toString(16).padStart(8, '0');
      } catch (e) {
        ours = `error: ${(e as Error).message}`;
      }
      const theirs = (gas[i] ?? 0).toString(16).padStart(8, '0');
      if (ours !== theirs) mismatches.push(`${line}  gas=${theirs} ours=${ours}`);
    });
    expect(mismatches.slice(0, 40)).toEqual([]);
  }, 120_000);
  it('assembleArm64 (front end + back end) gives the same .text bytes for the whole corpus', () => {
    const source = corpus.join('\n') + '\n';
    const r = assembleArm64(source);
    if (!r.ok) throw new Error(r.errors.slice(0, 10).map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
    const text = r.image.sections.find((s) => s.name === '.text');
    expect(text?.bytes).toEqual(gasText(source));
    expect(r.image.fixups).toEqual([]);
    expect(r.image.sourceMap.length).toBe(corpus.length);
  }, 120_000);
});
