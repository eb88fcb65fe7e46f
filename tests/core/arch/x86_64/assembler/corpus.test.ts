// Byte-for-byte comparison with GNU as over a generated corpus of every
// supported form (see corpus.ts). Reference: `as --64` from binutils.
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { generateCorpus } from './corpus.js';
import { gnuErrors, gnuSectionBytes, hex } from './gnu-as.js';

const HEADER = '.intel_syntax noprefix\n';

describe('x86-64 corpus vs GNU as', () => {
  const corpus = generateCorpus();
  const rejected = new Set<number>();
  for (const e of gnuErrors(HEADER + corpus.join('\n') + '\n')) {
    const m = /:(\d+): Error/.exec(e);
    if (m !== null) rejected.add(Number(m[1]) - 2);
  }
  const valid = corpus.filter((_, i) => !rejected.has(i));

  it('has thousands of lines', () => {
    expect(valid.length).toBeGreaterThan(5000);
  });

  it('encodes every line GNU accepts to the same bytes', () => {
    // Each instruction starts on a 16-byte boundary so one difference cannot shift the rest.
    const src = HEADER + valid.map((l) => `.balign 16, 0xcc\n${l}`).join('\n') + '\n';
    const gnu = gnuSectionBytes(src);
    const r = assembleX86(src);
    if (!r.ok) expect(r.errors.slice(0, 20).map((e) => `${valid[(e.line - 3) / 2]}: ${e.message}`)).toEqual([]);
    if (!r.ok) return;
    const mine = r.image.sections.find((s) => s.name === '.text')?.bytes ?? new Uint8Array(0);
    const bad: string[] = [];
    for (const m of r.image.sourceMap) {
      const a = hex(mine.slice(m.offset, m.offset + m.length));
      const b = hex(gnu.slice(m.offset, m.offset + m.length));
      if (a !== b) bad.push(`${valid[(m.line - 3) / 2]}: ours ${a} / gnu ${b}`);
    }
    expect(bad).toEqual([]);
    expect(hex(mine)).toBe(hex(gnu));
    expect(r.image.sourceMap.length).toBe(valid.length);
  });

  it('rejects every line GNU rejects', () => {
    expect(rejected.size).toBeGreaterThan(20);
    const accepted = [...rejected].filter((i) => assembleX86(HEADER + corpus[i] + '\n').ok).map((i) => corpus[i]);
    expect(accepted).toEqual([]);
  });
});
