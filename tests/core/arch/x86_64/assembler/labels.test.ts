// Labels, relaxation and relocations: our as + linker vs GNU as + ld, linked
// at the same addresses (ld -Ttext/-Tdata/...), then section bytes compared.
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { linkExecutable } from '../../../../../core/elf/link.js';
import { gnuBuild, runElf, sectionOf } from '../../../elf/native.js';
import { generateLabelCorpus } from './corpus-labels.js';
import { hex } from './gnu-as.js';

describe('labels and branches vs GNU as + ld', () => {
  const src = generateLabelCorpus();
  const a = assembleX86(src);
  if (!a.ok) throw new Error(JSON.stringify(a.errors.slice(0, 5)));
  const l = linkExecutable(a.image, { arch: 'x86_64' });
  if (!l.ok) throw new Error(JSON.stringify(l.errors.slice(0, 5)));
  const addr = (name: string): string => '0x' + (l.sections.find((s) => s.name === name)?.address ?? 0n).toString(16);
  const gnu = gnuBuild(src, [
    `-Ttext=${addr('.text')}`,
    `--section-start=.far=${addr('.far')}`,
    `--section-start=.rodata=${addr('.rodata')}`,
    `-Tdata=${addr('.data')}`,
    `-Tbss=${addr('.bss')}`,
  ]);

  it.each(['.text', '.far', '.rodata', '.data'])('%s is byte-identical', (name) => {
    const ours = sectionOf(l.elf, name);
    const theirs = sectionOf(gnu, name);
    expect(ours.length).toBeGreaterThan(0);
    if (hex(ours) !== hex(theirs)) {
      // Point at the first differing instruction to make failures readable.
      const base = l.sections.find((s) => s.name === name)?.address ?? 0n;
      const i = ours.findIndex((b, k) => b !== theirs[k]);
      const m = l.sourceMap.find((e) => e.address <= base + BigInt(i) && base + BigInt(i) < e.address + BigInt(e.length));
      expect({ line: m?.line, text: src.split('\n')[(m?.line ?? 1) - 1] }).toEqual({ line: -1, text: 'no difference' });
    }
  });

  it('relaxed both ways: some jumps are rel8 and some rel32', () => {
    const text = sectionOf(l.elf, '.text');
    expect(text.includes(0xeb)).toBe(true);
    expect(text.includes(0xe9)).toBe(true);
    expect(l.sourceMap.filter((m) => m.length === 2).length).toBeGreaterThan(100);
  });

  it('the linked program runs natively', () => {
    // _start jumps straight to the exit(0) at the end.
    expect(runElf(l.elf)).toMatchObject({ status: 0, signal: null });
  });
});
