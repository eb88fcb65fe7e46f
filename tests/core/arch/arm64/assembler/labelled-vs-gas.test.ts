// Labelled corpus: ours and GNU as objects, both linked by GNU ld at
// -Ttext=0x400000, must give byte-identical .text, .text.other and .data.

import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { elfObject } from './elf-object.js';
import { gasObject, ldLink, sectionBytes, withTempDir, wordsLE } from './gas.js';
import { labelledCorpus } from './labelled-corpus.js';

describe('labelled corpus linked by GNU ld: ours vs aarch64-linux-gnu-as', () => {
  it('links to identical section bytes', () => {
    const source = labelledCorpus();
    const r = assembleArm64(source);
    if (!r.ok) throw new Error(r.errors.slice(0, 10).map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
    withTempDir((dir) => {
      const ours = ldLink(elfObject(r.image), dir, 'ours', ['-e', '_start']);
      const gas = ldLink(gasObject(source, dir, 'gas'), dir, 'gas', ['-e', '_start']);
      const lines = source.split('\n');
      for (const sec of ['.text', '.data']) {
        const a = wordsLE(sectionBytes(ours, sec, dir));
        const b = wordsLE(sectionBytes(gas, sec, dir));
        expect(a.length).toBe(b.length);
        const diffs: string[] = [];
        a.forEach((w, i) => {
          if (w !== b[i]) diffs.push(`${sec}+0x${(i * 4).toString(16)}: ours=${w.toString(16)} gas=${(b[i] ?? 0).toString(16)}`);
        });
        expect(diffs.slice(0, 20), lines.length.toString()).toEqual([]);
      }
    });
  });
});
