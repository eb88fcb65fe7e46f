import { describe, expect, it } from 'vitest';
import { decodeSigaltstackReport } from './sigaltstack-report.js';
import { runGuest } from './run-guest.js';

// Sets an alternate stack with `ssFlags`, installs a SIGUSR1 handler with `saFlags`,
// raises SIGUSR1, then writes: the handler's rsp, the uc_stack it was given (24 bytes),
// the stack_t sigaltstack reported inside the handler and after it returned (24 each),
// and the alternate stack's address.
const program = (saFlags: number, ssFlags: number) => `.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 131
    lea rdi, [rip + alt_ss]
    xor esi, esi
    syscall
    mov qword ptr [rip + out + 96], rax
    mov eax, 13
    mov edi, 10
    lea rsi, [rip + act]
    xor edx, edx
    mov r10d, 8
    syscall
    mov eax, 39
    syscall
    mov edi, eax
    mov eax, 62
    mov esi, 10
    syscall
    mov eax, 131
    xor edi, edi
    lea rsi, [rip + out + 56]
    syscall
    lea rax, [rip + altstack]
    mov qword ptr [rip + out + 80], rax
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + out]
    mov edx, 104
    syscall
    mov eax, 60
    xor edi, edi
    syscall
handler:
    mov qword ptr [rip + out], rsp
    mov rax, qword ptr [rdx + 16]
    mov qword ptr [rip + out + 8], rax
    mov rax, qword ptr [rdx + 24]
    mov qword ptr [rip + out + 16], rax
    mov rax, qword ptr [rdx + 32]
    mov qword ptr [rip + out + 24], rax
    mov eax, 131
    xor edi, edi
    lea rsi, [rip + out + 32]
    syscall
    ret
restorer:
    mov eax, 15
    syscall
.data
act:    .quad handler, ${saFlags | 0x04000000}, restorer, 0
alt_ss: .quad altstack
        .long ${ssFlags}, 0
        .quad 8192
out:    .zero 104
.bss
.balign 16
altstack: .zero 8192
`;

const decode = decodeSigaltstackReport;

const SA_ONSTACK = 0x08000000;
const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const SS_AUTODISARM = 0x80000000;

// Every expectation below was also checked by running this program natively (GNU as/ld,
// Linux 6.18): same flags, same uc_stack, handler rsp inside the alternate stack.
describe('sigaltstack and SA_ONSTACK', () => {
  it('an SA_ONSTACK handler runs on the alternate stack; uc_stack saves the settings', () => {
    const r = runGuest(program(SA_ONSTACK, 0));
    expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
    const d = decode(r.text);
    expect(d.sp).toBeGreaterThan(d.alt);
    expect(d.sp).toBeLessThanOrEqual(d.alt + 8192);
    // The interrupted code was not on the alternate stack: uc_stack flags 0.
    expect(d.ucStack).toEqual({ sp: d.alt, flags: 0, size: 8192 });
    expect(d.inHandler).toEqual({ sp: d.alt, flags: SS_ONSTACK, size: 8192 });
    expect(d.after).toEqual({ sp: d.alt, flags: 0, size: 8192 });
  });

  it('without SA_ONSTACK the handler stays on the main stack', () => {
    const d = decode(runGuest(program(0, 0)).text);
    expect(d.sp).toBeGreaterThan(0x7f0000000000);
    expect(d.inHandler.flags).toBe(0);
  });

  it('SS_AUTODISARM clears the stack while the handler runs; sigreturn restores it from uc_stack', () => {
    const d = decode(runGuest(program(SA_ONSTACK, SS_AUTODISARM)).text);
    expect(d.sp).toBeGreaterThan(d.alt);
    expect(d.ucStack.flags >>> 0).toBe(SS_AUTODISARM);
    expect(d.inHandler).toEqual({ sp: 0, flags: SS_DISABLE, size: 0 });
    expect(d.after).toEqual({ sp: d.alt, flags: SS_AUTODISARM, size: 8192 });
  });

  it('refuses unknown ss_flags modes with EINVAL', () => {
    const d = decode(runGuest(program(SA_ONSTACK, 4)).text);
    expect(d.setResult).toBe(-22);
    expect(d.after.flags).toBe(SS_DISABLE);
    // uc_stack holds the stored flags alone: 0 for a task that never set a stack (as Linux 6.18 gives).
    expect(d.ucStack).toEqual({ sp: 0, flags: 0, size: 0 });
  });
});
