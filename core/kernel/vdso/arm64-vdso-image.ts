// The AArch64 vDSO image: arm64-vdso-source.ts assembled with the lab's own AArch64
// assembler and packed as a versioned ELF shared object with section headers, as
// Linux's linux-vdso.so.1 is (readelf -Ws lists every __kernel_* symbol @@LINUX_2.6.39).

import { assembleArm64 } from '../../arch/arm64/assembler/assembler.js';
import { ARM64_VDSO_FUNCTIONS, ARM64_VDSO_SIGRETURN, ARM64_VDSO_SOURCE, ARM64_VDSO_VERSION } from './arm64-vdso-source.js';
import { buildVdsoElf, type VdsoImage } from './vdso-elf.js';
import { VDSO_TEXT_OFFSET } from './vdso-source.js';

const EM_AARCH64 = 183;
let cached: VdsoImage | null = null;

export function arm64VdsoImage(): VdsoImage {
  if (cached) return cached;
  const asm = assembleArm64(ARM64_VDSO_SOURCE, { fileName: 'vdso.S' });
  if (!asm.ok) throw new Error(`the arm64 vDSO does not assemble: ${asm.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  const text = asm.image.sections.find((s) => s.name === '.text');
  if (!text || asm.image.fixups.length > 0) throw new Error('the arm64 vDSO must be position-independent code in .text');
  const off = (name: string) => {
    const s = asm.image.symbols.find((x) => x.name === name);
    if (!s) throw new Error(`arm64 vDSO symbol ${name} missing`);
    return VDSO_TEXT_OFFSET + Number(s.offset);
  };
  // Linux's arm64 vDSO exports only the __kernel_ names (no weak aliases, unlike x86-64).
  const exported: [string, number][] = [...ARM64_VDSO_FUNCTIONS, ARM64_VDSO_SIGRETURN].map((f) => [f, off(f)]);
  const bytes = buildVdsoElf({
    machine: EM_AARCH64,
    text: text.bytes,
    textOffset: VDSO_TEXT_OFFSET,
    exports: exported,
    version: { soname: 'linux-vdso.so.1', name: ARM64_VDSO_VERSION },
    sectionHeaders: true,
  });
  cached = { bytes, symbols: new Map(exported), seqlock: [off('vdso_seqlock_begin'), off('vdso_seqlock_end')] };
  return cached;
}
