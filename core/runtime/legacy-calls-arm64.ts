// The older calls arm64's generic system call list left out (dup2, alarm, pause, poll),
// hand-written in AArch64 guest assembly from the calls it kept, the way the C
// libraries do it there. Each needs a step the plain wrapper generator cannot express.

import { syscallNumber } from './syscall-wrappers.js';

const nr = (name: string): number => syscallNumber(name, 'arm64');

export const LEGACY_CALLS_ARM64 = `// ---- dup2, alarm, pause, poll from dup3, setitimer, rt_sigsuspend, ppoll ----
.text
// int dup2(int old, int new): dup3 refuses old == new with EINVAL where dup2 returns
// new if old is open (dup(2)); musl checks that with fcntl(F_GETFD), which fails with
// EBADF exactly when old is not open.
.global dup2
.type dup2, %function
dup2:
    cmp w0, w1
    b.eq 1f
    mov x2, #0                          // no flags
    mov x8, #${nr('dup3')}    // dup3
    b 2f
1:  mov w9, w1                          // new (== old), kept across the call
    mov w1, #1                          // F_GETFD: is old open?
    mov x8, #${nr('fcntl')}    // fcntl
    svc #0
    cmn x0, #4095
    b.cs __syscall_error
    mov w0, w9
    ret
2:  svc #0
    cmn x0, #4095
    b.cs __syscall_error
    ret

// unsigned int alarm(unsigned int seconds): setitimer(ITIMER_REAL) with a one-shot
// value of that many seconds; returns the seconds the old timer had left, rounded to
// the nearest and never 0 for a timer still pending (alarm(2), glibc's alarm.c).
.global alarm
.type alarm, %function
alarm:
    sub sp, sp, #64                     // new itimerval at sp, old at sp + 32
    stp xzr, xzr, [sp]                  // it_interval: none
    uxtw x0, w0
    stp x0, xzr, [sp, #16]              // it_value: {seconds, 0}
    mov x0, #0                          // ITIMER_REAL
    mov x1, sp
    add x2, sp, #32
    mov x8, #${nr('setitimer')}    // setitimer
    svc #0
    ldp x0, x1, [sp, #48]               // the old it_value: sec, usec
    add sp, sp, #64
    movz w2, #0xa120
    movk w2, #0x7, lsl #16              // 500000 us: round half a second up
    cmp x1, x2
    cinc x0, x0, ge
    cbnz x0, 1f
    cmp x1, #0                          // less than half a second left: still 1
    cset x0, gt
1:  ret

// int pause(void): sleep until a handler has run, as rt_sigsuspend with the mask
// already in force (pause(2)). Always -1, EINTR.
.global pause
.type pause, %function
pause:
    sub sp, sp, #16
    mov x0, #0                          // SIG_BLOCK with no set: only read the mask
    mov x1, #0
    mov x2, sp
    mov x3, #8                          // sigsetsize
    mov x8, #${nr('rt_sigprocmask')}    // rt_sigprocmask
    svc #0
    mov x0, sp
    mov x1, #8
    mov x8, #${nr('rt_sigsuspend')}    // rt_sigsuspend
    svc #0
    add sp, sp, #16
    cmn x0, #4095
    b.cs __syscall_error
    ret

// int poll(struct pollfd *fds, nfds_t n, int timeout): ppoll with the milliseconds
// turned into a timespec, or NULL (wait forever) for a negative timeout, and no mask,
// as musl and glibc do it on arm64 (poll(2) NOTES).
.global poll
.type poll, %function
poll:
    sub sp, sp, #16
    tbnz w2, #31, 1f                    // timeout < 0: NULL
    mov w10, #1000
    udiv w11, w2, w10                   // tv_sec = ms / 1000
    msub w12, w11, w10, w2              // the milliseconds left over
    movz w13, #0x4240
    movk w13, #0xf, lsl #16             // 1000000 ns per ms
    umull x12, w12, w13                 // tv_nsec
    stp x11, x12, [sp]
    mov x2, sp
    b 2f
1:  mov x2, #0
2:  mov x3, #0                          // no signal mask
    mov x4, #8                          // sigsetsize
    mov x8, #${nr('ppoll')}    // ppoll
    svc #0
    add sp, sp, #16
    cmn x0, #4095
    b.cs __syscall_error
    ret
`;
