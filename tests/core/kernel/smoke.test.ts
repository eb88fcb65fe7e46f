import { expect, it } from 'vitest';
import { buildFromSource, Machine } from '../../../core/machine.js';

const HELLO = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, 1
    mov rdi, 1
    lea rsi, [rip + msg]
    mov rdx, 17
    syscall
    mov rax, 60
    xor edi, edi
    syscall
.data
msg: .ascii "Direct write call"
`;

it('runs the book listing', () => {
  const built = buildFromSource(HELLO, 'x86_64');
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  let out = '';
  const m = Machine.fromElf(built.program.elf, '/home/student/a.out', { arch: 'x86_64', output: (_fd, b) => (out += Buffer.from(b).toString()) });
  const stop = m.run(100000);
  console.log(stop, m.events.map((e) => ('line' in e ? e.line : e.type)));
  expect(out).toBe('Direct write call');
});
