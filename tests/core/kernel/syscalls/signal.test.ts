// restart_syscall(2) resuming poll reads poll's arguments through the arch-neutral
// TrapFrame.syscallArg (the x86-64 argument registers here). The expected child lines
// are what `strace -f` printed for the same program built with GNU as/ld and run
// natively (Linux 6.x): poll = ? ERESTART_RESTARTBLOCK, then
// restart_syscall(<... resuming interrupted poll ...>) = 0 after SIGCONT.
import { describe, expect, it } from 'vitest';
import { runGuest } from '../run-guest.js';

// The child polls nothing for 100 ms and exits 7 + poll's result; the parent sleeps
// 10 ms, stops and continues it, and exits with its status.
const STOP_CONT_POLL = `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 57
    syscall
    test rax, rax
    jnz parent
    mov eax, 7
    xor edi, edi
    xor esi, esi
    mov edx, 100
    syscall
    mov edi, eax
    add edi, 7
    mov eax, 60
    syscall
parent:
    mov r12, rax
    mov eax, 35
    lea rdi, [rip + ten_ms]
    xor esi, esi
    syscall
    mov eax, 62
    mov rdi, r12
    mov esi, 19
    syscall
    mov eax, 62
    mov rdi, r12
    mov esi, 18
    syscall
    mov eax, 61
    mov rdi, r12
    lea rsi, [rip + wstatus]
    xor edx, edx
    xor r10d, r10d
    syscall
    mov edi, dword ptr [rip + wstatus]
    shr edi, 8
    mov eax, 60
    syscall
.data
ten_ms: .quad 0, 10000000
wstatus: .long 0
`;

describe('restart_syscall', () => {
  it('resumes an interrupted poll with the arguments still in the user registers (x86-64)', () => {
    const r = runGuest(STOP_CONT_POLL);
    expect(r.stop).toMatchObject({ kind: 'exit', code: 7 });
    const child = r.lines.filter((l) => /^(poll|restart_syscall|exit\(7\))/.test(l));
    expect(child).toEqual(['poll(NULL, 0, 100) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)', 'restart_syscall(<... resuming interrupted poll ...>) = 0', 'exit(7) = ?', 'exit(7) = ?']);
  });
});
