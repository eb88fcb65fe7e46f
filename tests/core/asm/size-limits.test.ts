// Found by tests/fuzz: `.space 0x10000000` aborted the whole Node process (V8 "invalid
// array length" fatal error), nested `.rept 1000` x3 overflowed the JS stack and
// `.rept 100000000` ran for over a minute. Each is now a positioned error, quickly.
import { describe, expect, it } from 'vitest';
import { MAX_BSS_BYTES, MAX_SECTION_BYTES } from '../../../core/asm/layout.js';
import { MAX_REPT_STATEMENTS } from '../../../core/asm/rept.js';
import { assembleX86 } from '../../../core/arch/x86_64/assembler/x86-backend.js';
import { assembleArm64 } from '../../../core/arch/arm64/assembler/assembler.js';

function errors(src: string, arch: 'x86_64' | 'arm64' = 'x86_64'): string[] {
  const r = arch === 'x86_64' ? assembleX86(src) : assembleArm64(src);
  return r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`);
}

describe('assembler size limits', () => {
  it.each(['x86_64', 'arm64'] as const)('%s: huge .space/.zero/.fill in a data section is an error, not a crash', (arch) => {
    expect(errors('.data\n.space 0x10000000\n', arch)).toEqual(["2: section '.data' would grow past 16 MiB"]);
    expect(errors('.zero 400000000\n', arch)).toEqual(["1: section '.text' would grow past 16 MiB"]);
    expect(errors('.fill 0x1000000, 8, 1\n', arch)).toEqual(["1: section '.text' would grow past 16 MiB"]);
    // Many small pieces add up to the same limit.
    expect(errors(`.data\n${'.space 0x800000\n'.repeat(3)}`, arch)).toEqual(["4: section '.data' would grow past 16 MiB"]);
  });

  it('the limit itself still assembles, and bss may be larger without holding bytes', () => {
    const r = assembleX86(`.data\n.space ${MAX_SECTION_BYTES}\n.bss\n.space ${MAX_BSS_BYTES}\n`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.image.sections.find((s) => s.name === '.data')?.size).toBe(MAX_SECTION_BYTES);
    expect(r.image.sections.find((s) => s.name === '.bss')?.size).toBe(MAX_BSS_BYTES);
    expect(errors(`.bss\n.space ${MAX_BSS_BYTES + 1}\n`)).toEqual(["2: section '.bss' would grow past 256 MiB"]);
    expect(errors('.lcomm buf, 0x20000000\n')).toEqual(["1: section '.bss' would grow past 256 MiB"]);
  });

  it('a .rept past the statement limit is an error', () => {
    expect(errors('.rept 100000000\nnop\n.endr\n')).toEqual([`1: .rept expands to more than ${MAX_REPT_STATEMENTS} statements`]);
    expect(errors('.rept 1000\n.rept 1000\n.rept 1000\nnop\n.endr\n.endr\n.endr\n')).toEqual([`2: .rept expands to more than ${MAX_REPT_STATEMENTS} statements`]);
    const r = assembleX86(`.rept ${MAX_REPT_STATEMENTS / 2}\n.byte 1, 2\n.endr\n`);
    expect(r.ok && r.image.sections.find((s) => s.name === '.text')?.size).toBe(MAX_REPT_STATEMENTS);
  });
});
