// The AArch64 vDSO's code, as guest assembly, under the names Linux gives it
// (arch/arm64/kernel/vdso/vdso.lds.S, version LINUX_2.6.39): clock_gettime,
// gettimeofday and clock_getres answered in user mode from the same vvar page the
// x86-64 vDSO reads, plus the signal return trampoline. The clock is the generic
// timer's virtual count (CNTVCT_EL0, readable at EL0), which this kernel drives with
// the same cycle count rdtsc returns on x86-64, so vvar's tsc_* fields serve both.
//
// The shared reader `vread` is reached with bl; each caller parks its own return
// address in x17 (IP1, which AAPCS64 lets any call clobber) and returns with ret x17.
// That keeps both return addresses in registers when the counter is read, which is
// how the kernel attributes the read to a call (vdso-calls.ts).

import { VVAR_CLOCK_MASK, VVAR_CLOCKS, VVAR_SEQ, VVAR_TSC_BASE, VVAR_TSC_DEN, VVAR_TSC_NUM } from './vvar.js';
import { VDSO_TEXT_OFFSET } from './vdso-source.js';
import { COARSE_CLOCK_RES_NS } from '../syscalls/time.js';

export const ARM64_VDSO_FUNCTIONS = ['__kernel_clock_gettime', '__kernel_gettimeofday', '__kernel_clock_getres'] as const;
export const ARM64_VDSO_SIGRETURN = '__kernel_rt_sigreturn';
export const ARM64_VDSO_VERSION = 'LINUX_2.6.39';

/** Registers at a counter read inside vread: the clock id, and where the caller saved its return. */
export const ARM64_VREAD_CLOCK_REG = 9;
export const ARM64_VDSO_CALLER_REG = 17;

// x12 = the vvar page, one page below the image (vdso_text sits at VDSO_TEXT_OFFSET in it).
const VVAR_BASE = `    adr x12, vdso_text
    sub x12, x12, #${VDSO_TEXT_OFFSET}
    sub x12, x12, #4096                     // x12 = the vvar page`;

// Clock id w0 is one vvar serves (bit w0 of clock_mask), or branch to the local label 1 (the svc fallback).
const SERVED_OR_1F = `    cmp w0, #31
    b.hi 1f
${VVAR_BASE}
    ldr w13, [x12, #${VVAR_CLOCK_MASK}]
    lsr w13, w13, w0
    tbz w13, #0, 1f                         // not served here: fall back to the syscall`;

export const ARM64_VDSO_SOURCE = `// Syscall Lab vDSO (AArch64). The vvar page sits one page below this image.
.text
vdso_text:

// vread: w9 = clock id. Returns x10 = seconds, x11 = nanoseconds. Clobbers x12-x15.
vread:
${VVAR_BASE}
vdso_seqlock_begin:
    ldr w13, [x12, #${VVAR_SEQ}]            // seq
    tbnz w13, #0, vdso_seqlock_begin        // odd: an update is in progress
    dmb ishld                               // read seq before the data it guards
    mrs x14, cntvct_el0                     // the generic timer's virtual count
    ldr x15, [x12, #${VVAR_TSC_BASE}]
    sub x14, x14, x15                       // ticks since the last update
    ldr x15, [x12, #${VVAR_TSC_NUM}]
    mul x14, x14, x15
    ldr x15, [x12, #${VVAR_TSC_DEN}]
    udiv x14, x14, x15                      // → nanoseconds since the update
    add x15, x12, w9, uxtw #4
    ldp x10, x11, [x15, #${VVAR_CLOCKS}]    // this clock's {sec, nsec} at the update
    add x11, x11, x14
    movz x14, #0xca00
    movk x14, #0x3b9a, lsl #16              // x14 = 1000000000
    udiv x15, x11, x14
    msub x11, x15, x14, x11                 // carry whole seconds out of the nanoseconds
    add x10, x10, x15
    dmb ishld                               // the data before seq again
    ldr w14, [x12, #${VVAR_SEQ}]
    cmp w14, w13
    b.ne vdso_seqlock_begin                 // the kernel wrote meanwhile: read again
vdso_seqlock_end:
    ret

// int __kernel_clock_gettime(clockid_t clock, struct timespec *ts)
.global __kernel_clock_gettime
__kernel_clock_gettime:
${SERVED_OR_1F}
    mov w9, w0
    mov x17, x30
    bl vread
    stp x10, x11, [x1]
    mov x0, #0
    ret x17
1:
    mov x8, #113                            // __NR_clock_gettime
    svc #0
    ret

// int __kernel_gettimeofday(struct timeval *tv, struct timezone *tz)
.global __kernel_gettimeofday
__kernel_gettimeofday:
    mov x17, x30
    cbz x0, 2f
    mov w9, #0                              // CLOCK_REALTIME
    bl vread
    mov x14, #1000
    udiv x11, x11, x14                      // nanoseconds → microseconds
    stp x10, x11, [x0]
2:
    cbz x1, 3f
    str xzr, [x1]                           // struct timezone: UTC, no DST
3:
    mov x0, #0
    ret x17

// int __kernel_clock_getres(clockid_t clock, struct timespec *res)
.global __kernel_clock_getres
__kernel_clock_getres:
${SERVED_OR_1F}
    cbz x1, 4f
    mov x14, #1                             // high-resolution clocks: 1 ns
    cmp w0, #5                              // CLOCK_REALTIME_COARSE
    b.eq 2f
    cmp w0, #6                              // CLOCK_MONOTONIC_COARSE
    b.ne 3f
2:
    movz x14, #${COARSE_CLOCK_RES_NS & 0xffff}
    movk x14, #${COARSE_CLOCK_RES_NS >>> 16}, lsl #16        // coarse clocks: one tick (clock_getres(2))
3:
    stp xzr, x14, [x1]
4:
    mov x0, #0
    ret
1:
    mov x8, #114                            // __NR_clock_getres
    svc #0
    ret

// Where a handler installed without SA_RESTORER returns (arch/arm64/kernel/vdso/sigreturn.S);
// the nop before it is Linux's too, so an unwinder looking one instruction back stays in the image.
    nop
.global __kernel_rt_sigreturn
__kernel_rt_sigreturn:
    mov x8, #139                            // __NR_rt_sigreturn
    svc #0
`;
