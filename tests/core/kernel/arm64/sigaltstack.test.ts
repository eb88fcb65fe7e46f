// sigaltstack(2) and SA_ONSTACK on arm64 (arch/arm64/kernel/signal.c get_sigframe →
// sigsp, setup_rt_frame → __save_altstack, sys_rt_sigreturn → restore_altstack).
// The plain SA_ONSTACK case is also a qemu conformance program
// (tests/conformance/arm64/sigaltstack-onstack.s); the cases here are where qemu-user
// 7.2 is not Linux: it rejects SS_AUTODISARM (EINVAL) and takes stacks down to 2048
// bytes, where arm64 Linux's MINSIGSTKSZ is 5120.
import { describe, expect, it } from 'vitest';
import { decodeSigaltstackReport } from '../sigaltstack-report.js';
import { runGuest } from '../run-guest.js';

// Sets an alternate stack of `size` bytes with `ssFlags`, installs a SIGUSR1 handler
// with `saFlags`, raises SIGUSR1, then writes 104 bytes: the handler's sp, the uc_stack
// it was given (24 bytes), the stack_t sigaltstack reported inside the handler and after
// it returned (24 each), the alternate stack's address, and sigaltstack's first result.
const program = (saFlags: number, ssFlags: number, size = 8192) => `.global _start
.text
_start:
        adr     x0, alt_ss
        mov     x1, #0
        mov     x8, #132                // sigaltstack
        svc     #0
        adr     x9, out
        str     x0, [x9, #96]
        mov     x0, #10                 // SIGUSR1
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134                // rt_sigaction
        svc     #0
        mov     x8, #172                // getpid
        svc     #0
        mov     x1, #10
        mov     x8, #129                // kill
        svc     #0
        mov     x0, #0
        adr     x1, out
        add     x1, x1, #56
        mov     x8, #132
        svc     #0
        adr     x9, out
        adr     x10, altstack
        str     x10, [x9, #80]
        mov     x0, #1
        mov     x1, x9
        mov     x2, #104
        mov     x8, #64                 // write
        svc     #0
        mov     x0, #0
        mov     x8, #93                 // exit
        svc     #0
handler:
        adr     x9, out
        mov     x10, sp
        str     x10, [x9]
        ldr     x10, [x2, #16]          // uc->uc_stack
        str     x10, [x9, #8]
        ldr     x10, [x2, #24]
        str     x10, [x9, #16]
        ldr     x10, [x2, #32]
        str     x10, [x9, #24]
        mov     x0, #0
        add     x1, x9, #32
        mov     x8, #132
        svc     #0
        ret
restorer:
        mov     x8, #139                // rt_sigreturn
        svc     #0
.data
        .align  3
act:    .xword  handler, ${saFlags | 0x04000000}, restorer, 0
alt_ss: .xword  altstack
        .word   ${ssFlags}, 0
        .xword  ${size}
out:    .zero   104
.bss
        .align  4
altstack: .zero 8192
`;

const decode = decodeSigaltstackReport;

const run = (saFlags: number, ssFlags: number, size?: number) => {
  const r = runGuest(program(saFlags, ssFlags, size), { arch: 'arm64', aslr: false });
  expect(r.stop).toMatchObject({ kind: 'exit', code: 0 });
  return { ...decode(r.text), lines: r.lines };
};

const SA_ONSTACK = 0x08000000;
const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const SS_AUTODISARM = 0x80000000;

describe('arm64 sigaltstack and SA_ONSTACK', () => {
  it('an SA_ONSTACK handler runs on the alternate stack; uc_stack saves the settings', () => {
    const d = run(SA_ONSTACK, 0);
    // The frame record and rt_sigframe sit just below the stack's top, 16-byte aligned.
    expect(d.sp).toBeGreaterThan(d.alt);
    expect(d.sp).toBeLessThan(d.alt + 8192);
    expect(d.sp % 16).toBe(0);
    expect(d.ucStack).toEqual({ sp: d.alt, flags: 0, size: 8192 });
    expect(d.inHandler).toEqual({ sp: d.alt, flags: SS_ONSTACK, size: 8192 });
    expect(d.after).toEqual({ sp: d.alt, flags: 0, size: 8192 });
  });

  it('without SA_ONSTACK the handler stays on the process stack', () => {
    const d = run(0, 0);
    expect(d.sp).toBeGreaterThan(0x7f0000000000);
    expect(d.inHandler.flags).toBe(0);
    // uc_stack still records the (unused) alternate stack.
    expect(d.ucStack).toEqual({ sp: d.alt, flags: 0, size: 8192 });
  });

  it('SS_AUTODISARM clears the stack while the handler runs; rt_sigreturn restores it from uc_stack', () => {
    const d = run(SA_ONSTACK, SS_AUTODISARM);
    expect(d.sp).toBeGreaterThan(d.alt);
    expect(d.sp).toBeLessThan(d.alt + 8192);
    expect(d.ucStack.flags >>> 0).toBe(SS_AUTODISARM);
    expect(d.inHandler).toEqual({ sp: 0, flags: SS_DISABLE, size: 0 });
    expect(d.after).toEqual({ sp: d.alt, flags: SS_AUTODISARM, size: 8192 });
  });

  it('refuses a stack smaller than arm64 MINSIGSTKSZ (5120) with ENOMEM, takes 5120', () => {
    const small = run(SA_ONSTACK, 0, 5119);
    expect(small.setResult).toBe(-12);
    expect(small.after.flags).toBe(SS_DISABLE); // still no alternate stack
    expect(small.after.size).toBe(0);
    expect(small.lines).toContain('sigaltstack({ss_sp=' + `0x${small.alt.toString(16)}` + ', ss_flags=0, ss_size=5119}, NULL) = -1 ENOMEM (Cannot allocate memory)');
    const exact = run(SA_ONSTACK, 0, 5120);
    expect(exact.setResult).toBe(0);
    expect(exact.inHandler).toEqual({ sp: exact.alt, flags: SS_ONSTACK, size: 5120 });
  });
});
