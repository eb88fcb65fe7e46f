// Real-world input: what `gcc -S -masm=intel` emits (directives like .p2align 4,,10,
// .section .rodata.str1.1,"aMS",@progbits,1, OFFSET FLAT:, jump tables, .cfi_*),
// -mgeneral-regs-only keeps to the integer ISA the emulated CPU has;
// assembled + linked by us and by GNU as + ld at the same addresses.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { linkExecutable } from '../../../../../core/elf/link.js';
import { gnuBuild, runElf, sectionOf } from '../../../elf/native.js';
import { hex } from './gnu-as.js';

const C_FILE = join(import.meta.dirname, 'fixtures/gcc-sample.c');

function gccAsm(flags: string[]): string {
  return execFileSync('gcc', ['-S', '-masm=intel', '-fno-pie', '-mgeneral-regs-only', ...flags, '-o', '-', C_FILE], { encoding: 'utf8' });
}

describe('gcc -S -masm=intel output', () => {
  it.each([['-O0'], ['-O1'], ['-O2', '-fcf-protection=full'], ['-Os'], ['-O3', '-fno-asynchronous-unwind-tables']])('%s', (...flags) => {
    const src = gccAsm(flags);
    const a = assembleX86(src);
    if (!a.ok) throw new Error(JSON.stringify(a.errors.slice(0, 5)));
    const l = linkExecutable(a.image, { arch: 'x86_64' });
    if (!l.ok) throw new Error(JSON.stringify(l.errors.slice(0, 5)));
    // ld places .note.* sections itself (with the headers); they carry no code or data.
    const placed = l.sections.filter((s) => !s.name.startsWith('.note'));
    const ldFlags = placed.map((s) =>
      s.name === '.text' ? `-Ttext=0x${s.address.toString(16)}` : s.name === '.data' ? `-Tdata=0x${s.address.toString(16)}` : s.name === '.bss' ? `-Tbss=0x${s.address.toString(16)}` : `--section-start=${s.name}=0x${s.address.toString(16)}`,
    );
    const gnu = gnuBuild(src, ['-e', '_start', ...ldFlags]);
    for (const s of placed.filter((x) => x.kind !== 'bss')) expect(`${s.name}: ${hex(sectionOf(l.elf, s.name))}`).toBe(`${s.name}: ${hex(sectionOf(gnu, s.name))}`);
    const ours = runElf(l.elf);
    expect(ours.stdout).toBe('hello from gcc\n');
    expect(ours.status).toBe(runElf(gnu).status);
  });

  it('the fixture exists', () => {
    expect(readFileSync(C_FILE, 'utf8')).toContain('_start');
  });
});
