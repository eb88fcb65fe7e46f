// Found by tests/fuzz/x86-decoder: objdump-style `pushw 0x3c`, `pushfw` and `popfw` came
// back without their 66 prefix (the w read as a size suffix on an immediate). Reference: GNU as.
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { gnuSectionBytes, hex } from './gnu-as.js';

const LINES = ['pushw 0x3c', 'pushw 0x1234', 'pushw -1', 'pushfw', 'popfw', 'pushw ax', 'popw r9w', 'pushw WORD PTR [rax]', 'popw [rbx+8]', 'pushw [rip+0x10]', 'push 0x3c', 'pushf', 'popfq'];

describe('16-bit push/pop spellings', () => {
  it.each(LINES)('%s encodes like GNU as', (line) => {
    const src = `.intel_syntax noprefix\n${line}\n`;
    const r = assembleX86(src);
    expect(r.ok).toBe(true);
    if (r.ok) expect(hex(r.image.sections.find((s) => s.name === '.text')!.bytes)).toBe(hex(gnuSectionBytes(src)));
  });

  it.each(['pushw eax', 'popw rax', 'popw 5', 'pushw DWORD PTR [rax]'])('%s is refused', (line) => {
    expect(assembleX86(`.intel_syntax noprefix\n${line}\n`).ok).toBe(false);
  });
});
