import { describe, expect, it } from 'vitest';
import { runGuest } from './run-guest.js';

// getrusage(RUSAGE_SELF) before and after three 1 ms nanosleeps and after three
// sched_yields; writes ru_nvcsw and ru_nivcsw each time, then /proc/self/status.
const PROGRAM = `.intel_syntax noprefix
.global _start
.text
_start:
    lea rbx, [rip + out]
    call usage
    mov r12d, 3
1:  mov eax, 35
    lea rdi, [rip + ms]
    xor esi, esi
    syscall
    dec r12d
    jnz 1b
    call usage
    mov r12d, 3
2:  mov eax, 24
    syscall
    dec r12d
    jnz 2b
    call usage
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + out]
    mov edx, 48
    syscall
    mov eax, 2
    lea rdi, [rip + path]
    xor esi, esi
    syscall
    mov edi, eax
    xor eax, eax
    lea rsi, [rip + buf]
    mov edx, 4096
    syscall
    mov edx, eax
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + buf]
    syscall
    mov eax, 60
    xor edi, edi
    syscall
usage:
    mov eax, 98
    xor edi, edi
    lea rsi, [rip + ru]
    syscall
    mov rax, qword ptr [rip + ru + 128]
    mov qword ptr [rbx], rax
    mov rax, qword ptr [rip + ru + 136]
    mov qword ptr [rbx + 8], rax
    add rbx, 16
    ret
.data
ms: .quad 0, 1000000
path: .asciz "/proc/self/status"
.bss
ru: .zero 144
out: .zero 48
buf: .zero 4096
`;

describe('voluntary and involuntary context switches (getrusage, /proc/self/status)', () => {
  it('counts each sleep as voluntary even with nothing else to run, and a lone sched_yield as nothing (as Linux 6.18 does)', () => {
    const r = runGuest(PROGRAM);
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const v = new DataView(r.stdout.buffer);
    const q = (i: number) => Number(v.getBigInt64(i * 8, true));
    const [vol0, invol0, vol1, invol1, vol2, invol2] = [q(0), q(1), q(2), q(3), q(4), q(5)];
    expect(vol1 - vol0).toBe(3);
    expect(invol1 - invol0).toBe(0);
    expect(vol2 - vol1).toBe(0);
    expect(invol2 - invol1).toBe(0);
    // /proc/self/status reports the same counters.
    const status = r.text.slice(48);
    expect(status).toContain(`voluntary_ctxt_switches:\t${vol2}\n`);
    expect(status).toContain(`nonvoluntary_ctxt_switches:\t${invol2}\n`);
  });
});
