// The x86-64 vDSO image: the guest assembly of vdso-source.ts, assembled with the
// lab's own assembler and packed as an ELF shared object (vdso-elf.ts).

import { assembleX86 } from '../../arch/x86_64/assembler/index.js';
import { buildVdsoElf, type VdsoImage } from './vdso-elf.js';
import { VDSO_FUNCTIONS, VDSO_SOURCE, VDSO_TEXT_OFFSET } from './vdso-source.js';

export type { VdsoImage } from './vdso-elf.js';

let cached: VdsoImage | null = null;

export function vdsoImage(): VdsoImage {
  if (cached) return cached;
  const asm = assembleX86(VDSO_SOURCE, { fileName: 'vdso.S' });
  if (!asm.ok) throw new Error(`the vDSO does not assemble: ${asm.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  const text = asm.image.sections.find((s) => s.name === '.text');
  if (!text || asm.image.fixups.length > 0) throw new Error('the vDSO must be position-independent code in .text');
  const off = (name: string) => {
    const s = asm.image.symbols.find((x) => x.name === name);
    if (!s) throw new Error(`vDSO symbol ${name} missing`);
    return VDSO_TEXT_OFFSET + Number(s.offset);
  };
  // Linux exports each function twice: __vdso_clock_gettime and a weak clock_gettime.
  const exported: [string, number][] = [];
  for (const f of VDSO_FUNCTIONS) {
    exported.push([f, off(f)]);
    exported.push([f.replace('__vdso_', ''), off(f)]);
  }
  const bytes = buildVdsoElf({ machine: 62, text: text.bytes, textOffset: VDSO_TEXT_OFFSET, exports: exported }); // EM_X86_64
  cached = { bytes, symbols: new Map(exported), seqlock: [off('vdso_seqlock_begin'), off('vdso_seqlock_end')] };
  return cached;
}
