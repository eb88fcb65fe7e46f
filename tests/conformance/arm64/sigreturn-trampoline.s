// A handler installed without SA_RESTORER still returns: the kernel points x30 at
// the vDSO's __kernel_rt_sigreturn (arch/arm64/kernel/signal.c setup_return).
// expect-stdout: in handler\nback in main\n
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #12                 // SIGUSR2
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134
        svc     #0
        mov     x8, #172
        svc     #0
        mov     x1, #12
        mov     x8, #129
        svc     #0
        mov     x0, #1
        adr     x1, back
        mov     x2, #13
        mov     x8, #64
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0

handler:
        mov     x0, #1
        adr     x1, inh
        mov     x2, #11
        mov     x8, #64
        svc     #0
        ret

inh:    .ascii  "in handler\n"
back:   .ascii  "back in main\n"
        .align  3
act:    .xword  handler, 0, 0, 0
