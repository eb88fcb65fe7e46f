// Fuzzing the AArch64 decoder: any 32-bit word decodes (to a row or to "undefined")
// without throwing, and decode → disassemble → our assembler → decode gives back the
// same word or a word with the same disassembly (e.g. a don't-care field set).
// Skipped forms are counted and printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../core/arch/arm64/assembler/assembler.js';
import { dispatch, findRow } from '../../core/arch/arm64/decoder.js';
import { disassemble } from '../../core/arch/arm64/disassembler.js';
import { symbolFreeCorpus } from '../core/arch/arm64/assembler/corpus.js';
import { FUZZ_TIMEOUT_MS, fuzzParams, Tally } from './fuzz-budget.js';

function words(bytes: Uint8Array): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length >> 2 }, (_, i) => v.getUint32(i * 4, true));
}

// PC-relative forms print an absolute target (objdump style, hex without 0x); decoding
// at address 0 makes it an offset, which `. ± n` names for the assembler.
const PC_RELATIVE = /^(b|bl|b\.\w+|cbz|cbnz|tbz|tbnz|adr|ldr|ldrsw|prfm)\t([^[]*?)([0-9a-f]+)$/;

function toSource(text: string): string {
  const m = PC_RELATIVE.exec(text);
  if (m === null) return text;
  const target = BigInt.asIntN(64, BigInt(`0x${m[3]}`));
  return `${m[1]}\t${m[2]}. ${target < 0n ? '-' : '+'} ${target < 0n ? -target : target}`;
}

const assembled = assembleArm64(symbolFreeCorpus().join('\n') + '\n');
const seeds = assembled.ok ? words(assembled.image.sections.find((s) => s.name === '.text')!.bytes) : [];
const word = fc.oneof(
  fc.nat({ max: 0xffffffff }),
  fc.tuple(fc.constantFrom(...seeds), fc.array(fc.nat(31), { minLength: 1, maxLength: 3 })).map(([w, bits]) => bits.reduce((acc, b) => (acc ^ (1 << b)) >>> 0, w)),
);

describe('AArch64 decoder fuzz', () => {
  it('has a corpus to mutate', () => {
    expect(seeds.length).toBeGreaterThan(1000);
  });

  it('decode → disassemble → assemble → decode gives the same instruction', () => {
    const tally = new Tally();
    const disagreements: string[] = [];
    fc.assert(
      fc.property(word, (w) => {
        expect(typeof dispatch(w)).toBe('function');
        const text = disassemble(w, 0);
        if (findRow(w) === undefined || text.startsWith('.inst')) return void tally.add('undefined (.inst)');
        if (text.startsWith('adrp')) return void tally.add('skipped: adrp (page-relative, left to the linker as a relocation)', text);
        const r = assembleArm64(`${toSource(text)}\n`);
        if (!r.ok && /^unknown mnemonic/.test(r.errors[0]!.message)) return void tally.add('skipped: mnemonic the assembler does not implement', text);
        if (!r.ok) {
          disagreements.push(`${text} (${w.toString(16)}): assembler refused: ${r.errors[0]!.message}`);
          return;
        }
        const out = words(r.image.sections.find((s) => s.name === '.text')!.bytes);
        expect(out.length, text).toBe(1);
        const back = out[0]!;
        if (back === w) tally.add('round trip: same word');
        else if (disassemble(back, 0) === text) tally.add('round trip: different word, same instruction', `${text} ${w.toString(16)}→${back.toString(16)}`);
        else disagreements.push(`${text} (${w.toString(16)}) → ${disassemble(back, 0)} (${back.toString(16)})`);
      }),
      fuzzParams(),
    );
    console.log(tally.report('AArch64 decode → assemble → decode'));
    expect(disagreements.slice(0, 20)).toEqual([]);
    expect(tally.get('round trip: same word')).toBeGreaterThan(2000);
  }, FUZZ_TIMEOUT_MS);
});
