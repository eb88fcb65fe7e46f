// A blocked signal stays pending: block SIGTERM with rt_sigprocmask (nr 135),
// kill(getpid(), SIGTERM), write, then unblock it; the default action then
// terminates the process (status 128 + 15) before it can write again.
// expect-stdout: still alive\n
// expect-exit: 143
.global _start
.text
_start:
        mov     x0, #0                  // SIG_BLOCK
        adr     x1, mask
        mov     x2, #0
        mov     x3, #8
        mov     x8, #135
        svc     #0
        mov     x8, #172
        svc     #0
        mov     x1, #15
        mov     x8, #129
        svc     #0
        mov     x0, #1
        adr     x1, alive
        mov     x2, #12
        mov     x8, #64
        svc     #0
        mov     x0, #1                  // SIG_UNBLOCK
        adr     x1, mask
        mov     x2, #0
        mov     x3, #8
        mov     x8, #135
        svc     #0
        mov     x0, #1
        adr     x1, alive
        mov     x2, #12
        mov     x8, #64
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
alive:  .ascii  "still alive\n"
        .align  3
mask:   .xword  0x4000                  // 1 << (SIGTERM - 1)
