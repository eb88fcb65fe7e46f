// What GNU as knows while parsing decides immediate sizes and memory-vs-immediate:
// label differences across a relaxable jump or an alignment, forward-defined
// .equ symbols, and symbols defined later. Compared byte-for-byte with gas.
import { describe, expect, it } from 'vitest';
import { assembleX86 } from '../../../../../core/arch/x86_64/assembler/x86-backend.js';
import { gnuSectionBytes, hex } from './gnu-as.js';

const SNIPPETS: Record<string, string> = {
  'differences across a jump or an alignment': `
start: jmp foo
mid:
  nop
end:
  add eax, end - start
  add eax, end - mid
  add eax, OFFSET end - start
  mov al, end - start
  .align 4
alend:
  add eax, alend - end
  push end - start
  imul eax, eax, end - start
  shl eax, end - mid
  shl eax, alend - alend + 1
  mov rax, end - start
  mov ecx, [rbx + end - start]
foo: ret
`,
  'equ values defined from later symbols': `
.data
msg: .ascii "hi"
.align 8
msg_end:
len1 = msg_end - msg
len2 = tail - msg
tail: .byte 0
len3 = . - tail
.text
  mov edx, len1
  mov edx, len2
  mov edx, len3
  add edx, len3
  add edx, len2
  add edx, len1
  mov edx, later
  add edx, OFFSET later
later = 5
`,
};

describe('parse-time knowledge vs GNU as', () => {
  it.each(Object.entries(SNIPPETS))('%s', (_name, body) => {
    const src = '.intel_syntax noprefix\n' + body;
    const r = assembleX86(src);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(hex(r.image.sections.find((s) => s.name === '.text')?.bytes ?? [])).toBe(hex(gnuSectionBytes(src)));
  });
});
