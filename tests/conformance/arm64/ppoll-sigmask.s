// The race-free wait on arm64: SIGALRM is blocked, ppoll swaps in an empty mask for
// the wait, the 20 ms timer fires inside it, the handler runs and ppoll returns -EINTR
// although the handler has SA_RESTART. sigreturn puts the pre-ppoll mask back, so
// SIGALRM is blocked again; the exit status is -x0 = 4 when it is, 99 when it is not.
// expect-stdout: alarm\n
// expect-exit: 4
.global _start
.text
_start:
        mov     x0, #14                 // rt_sigaction(SIGALRM, &act, NULL, 8)
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134
        svc     #0
        mov     x0, #0                  // rt_sigprocmask(SIG_BLOCK, &alrm, NULL, 8)
        adr     x1, alrm
        mov     x2, #0
        mov     x3, #8
        mov     x8, #135
        svc     #0
        adr     x0, fds                 // pipe2(fds, 0): nobody writes it
        mov     x1, #0
        mov     x8, #59
        svc     #0
        adr     x9, fds
        ldr     w10, [x9]
        adr     x11, pfd
        str     w10, [x11]
        mov     x0, #0                  // setitimer(ITIMER_REAL, 20 ms)
        adr     x1, itv
        mov     x2, #0
        mov     x8, #103
        svc     #0
        adr     x0, pfd                 // ppoll(&pfd, 1, &five_s, &empty, 8)
        mov     x1, #1
        adr     x2, five_s
        adr     x3, empty
        mov     x4, #8
        mov     x8, #73
        svc     #0
        neg     x19, x0
        mov     x0, #0                  // rt_sigprocmask(SIG_BLOCK, NULL, &old, 8)
        mov     x1, #0
        adr     x2, old
        mov     x3, #8
        mov     x8, #135
        svc     #0
        ldr     x13, [x2]
        mov     x0, x19
        cmp     x13, #0x2000
        b.eq    1f
        mov     x0, #99
1:      mov     x8, #93
        svc     #0

handler:
        mov     x0, #1
        adr     x1, msg
        mov     x2, #6
        mov     x8, #64
        svc     #0
        ret

restorer:
        mov     x8, #139
        svc     #0

msg:    .ascii  "alarm\n"

        .data
        .align  3
act:    .xword  handler, 0x14000000, restorer, 0    // SA_RESTORER | SA_RESTART
itv:    .xword  0, 0, 0, 20000
five_s: .xword  5, 0
alrm:   .xword  0x2000                  // 1 << (SIGALRM - 1)
empty:  .xword  0
old:    .xword  0
fds:    .word   0, 0
pfd:    .word   0
        .hword  1, 0
