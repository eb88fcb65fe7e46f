// Object-level check: for the labelled corpus, the relocations we leave for
// the linker sit at the same places with the same types as GNU as's (local
// same-section targets resolved at assembly time, global symbols and other
// sections left to the linker). Their values are checked by the link tests.

import { describe, expect, it } from 'vitest';
import { assembleArm64 } from '../../../../../core/arch/arm64/assembler/assembler.js';
import { AARCH64_RELOC_NAMES } from '../../../../../core/elf/relocate.js';
import { gasObject, gasRelocations, sectionBytes, withTempDir } from './gas.js';
import { labelledCorpus } from './labelled-corpus.js';

describe('relocations vs aarch64-linux-gnu-as', () => {
  it('labelled corpus: same unlinked bytes and same (section, offset, type) relocation set', () => {
    const source = labelledCorpus();
    const r = assembleArm64(source);
    if (!r.ok) throw new Error(r.errors.slice(0, 5).map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
    const ours = r.image.fixups.map((f) => `.rela${f.section}+0x${f.offset.toString(16)} ${AARCH64_RELOC_NAMES[f.type] ?? f.type}`).sort();
    const theirs = withTempDir((dir) => {
      gasObject(source, dir, 'g');
      // Unlinked section bytes match too: fields left for the linker are zero in both (RELA addends).
      for (const sec of ['.text', '.text.other', '.data']) {
        const mine = Buffer.from(r.image.sections.find((x) => x.name === sec)?.bytes ?? []);
        const gas = Buffer.from(sectionBytes(`${dir}/g.gas.o`, sec, dir));
        expect(mine.length).toBe(gas.length);
        expect(mine.equals(gas)).toBe(true);
      }
      return gasRelocations(`${dir}/g.gas.o`).map((s) => (s.startsWith('.rela') ? s : `.rela${s}`));
    });
    expect(ours.length).toBeGreaterThan(50);
    expect(ours.filter((x) => !theirs.includes(x))).toEqual([]);
    expect(theirs.filter((x) => !ours.includes(x))).toEqual([]);
  }, 120_000);
});
