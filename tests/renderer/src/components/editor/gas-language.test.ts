// The highlighter's idea of GNU as syntax, checked against GNU as itself: what we
// colour as a comment, as deletes without changing a byte of the object code, for
// x86-64 (`#`, `/` first on a line, `/* */`) and AArch64 (`//`, `/* */`, with `#` an immediate).

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { highlightTree, classHighlighter } from '@lezer/highlight';
import { describe, expect, it } from 'vitest';
import { gasLanguage, type GasArch } from '../../../../../renderer/src/components/editor/gas-language.js';
import { withTempDir } from '../../../../core/elf/native.js';

/** [text, classes] for every highlighted span. */
function tokens(source: string, arch: GasArch): [string, string][] {
  const tree = gasLanguage(arch).parser.parse(source);
  const out: [string, string][] = [];
  highlightTree(tree, classHighlighter, (from, to, classes) => out.push([source.slice(from, to), classes]));
  return out;
}

function withoutComments(source: string, arch: GasArch): string {
  const tree = gasLanguage(arch).parser.parse(source);
  const cut: [number, number][] = [];
  highlightTree(tree, classHighlighter, (from, to, classes) => {
    if (classes.includes('tok-comment')) cut.push([from, to]);
  });
  let text = source;
  for (const [from, to] of cut.reverse()) text = text.slice(0, from) + ' '.repeat(to - from) + text.slice(to);
  return text;
}

/** The .text and .data bytes GNU as produces (objcopy -O binary). */
function gnuBytes(source: string, arch: GasArch): string {
  return withTempDir((dir) => {
    const src = join(dir, 'a.s');
    const obj = join(dir, 'a.o');
    writeFileSync(src, source);
    execFileSync(arch === 'x86_64' ? 'as' : 'aarch64-linux-gnu-as', ['-o', obj, src], { stdio: ['ignore', 'ignore', 'pipe'] });
    execFileSync(arch === 'x86_64' ? 'objcopy' : 'aarch64-linux-gnu-objcopy', ['-O', 'binary', obj, join(dir, 'a.bin')]);
    return readFileSync(join(dir, 'a.bin')).toString('hex');
  });
}

const X86 = `.intel_syntax noprefix   # Intel syntax, as the book writes it
.global _start
.text
/* a block comment
   over two lines */
_start:
    mov rax, 1              # write
    // a slash first on a line is a comment on x86-64
    mov rdi, 4 / 4          # ...elsewhere it divides
    lea rsi, [rip + msg]
    mov rdx, 0x11           /* length */ ; nop
    syscall
1:  dec rdx
    jnz 1b
.data
msg: .ascii "Direct # write // call"
`;

const ARM64 = `// AArch64: // is the comment, # marks an immediate
.global _start
.text
_start:
    mov x8, #64             // write
    mov x0, #1
    adr x1, msg             /* buffer */
    mov x2, #17
    svc #0
.data
msg: .ascii "Direct // write"
`;

describe('GNU as highlighting', () => {
  it.each([
    ['x86_64', X86],
    ['arm64', ARM64],
  ] as const)('%s: deleting what we colour as comments leaves GNU as output unchanged', (arch, source) => {
    const stripped = withoutComments(source, arch);
    expect(stripped).not.toBe(source);
    expect(gnuBytes(stripped, arch)).toBe(gnuBytes(source, arch));
    // Strings keep their comment characters: they are bytes, not comments.
    expect(stripped).toContain(arch === 'x86_64' ? '"Direct # write // call"' : '"Direct // write"');
  });

  it('x86-64: mnemonics, registers, directives, labels, numbers and strings', () => {
    const t = tokens(X86, 'x86_64');
    const cls = (text: string) => t.find(([s]) => s === text)?.[1];
    expect(cls('.intel_syntax')).toBe('tok-meta');
    expect(cls('_start:')).toBe('tok-labelName');
    expect(cls('mov')).toBe('tok-keyword');
    expect(cls('rax')).toBe('tok-variableName2');
    expect(cls('rip')).toBe('tok-variableName2');
    expect(cls('0x11')).toBe('tok-number');
    expect(cls('1b')).toBe('tok-labelName');
    expect(cls('"Direct # write // call"')).toBe('tok-string');
    expect(cls('msg')).toBe('tok-variableName');
    // After `;` a new statement starts: its first word is a mnemonic again.
    expect(cls('nop')).toBe('tok-keyword');
    expect(cls('// a slash first on a line is a comment on x86-64')).toBe('tok-comment');
    expect(cls('/')).toBe('tok-punctuation');
  });

  it('arm64: # is an immediate, x/w registers, // comments', () => {
    const t = tokens(ARM64, 'arm64');
    const cls = (text: string) => t.find(([s]) => s === text)?.[1];
    expect(cls('#64')).toBe('tok-number');
    expect(cls('#0')).toBe('tok-number');
    expect(cls('x8')).toBe('tok-variableName2');
    expect(cls('svc')).toBe('tok-keyword');
    expect(cls('// write')).toBe('tok-comment');
    // x86 register names are plain symbols on arm64.
    expect(tokens('    adr rax, msg\n', 'arm64').find(([s]) => s === 'rax')?.[1]).toBe('tok-variableName');
  });
});
