// A small program with a recursive call and a syscall, shared by the stepping tests.

import { expect } from 'vitest';
import { buildFromSource, Machine, type SourceProgram } from '../../core/machine.js';

// fact(5) by recursion (so a stop at the return address inside a deeper frame must not
// end the step), then write(1, msg, 3) and exit(0).
export const CALLS = `.intel_syntax noprefix
.global _start
.text
_start:
    mov rdi, 5
    call fact
    mov rbx, rax
    mov rax, 1
    mov rdi, 1
    lea rsi, [rip + msg]
    mov rdx, 3
    syscall
    mov rax, 60
    xor edi, edi
    syscall
fact:
    cmp rdi, 1
    jbe 1f
    push rdi
    dec rdi
    call fact
    pop rdi
    imul rax, rdi
    ret
1:  mov rax, 1
    ret
.data
msg: .ascii "ok\\n"
`;

export function build(source = CALLS): SourceProgram {
  const built = buildFromSource(source, 'x86_64');
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.program;
}

/** A machine stopped at the program's first instruction (a fresh one is still in execve's return path). */
export function boot(program: SourceProgram, output?: (fd: 1 | 2, b: Uint8Array) => void): Machine {
  const m = Machine.fromElf(program.elf, '/home/student/a.out', { arch: 'x86_64', aslr: false, ...(output ? { output } : {}) });
  m.setBreakpoints([program.symbols.get('_start')!]);
  expect(m.run(100_000).kind).toBe('breakpoint');
  m.setBreakpoints([]);
  return m;
}

