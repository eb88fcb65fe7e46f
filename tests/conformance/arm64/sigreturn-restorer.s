// A handler that returns: rt_sigaction(SIGUSR1) with SA_RESTORER, kill(getpid(),
// SIGUSR1); the handler writes, returns through its restorer (rt_sigreturn, 139)
// and the interrupted code carries on with every register as it was.
// expect-stdout: in handler\nback in main\n
// expect-exit: 7
// expect-trace: rt_sigreturn({mask=[]}) = 0
.global _start
.text
_start:
        mov     x0, #10                 // SIGUSR1
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134                // rt_sigaction
        svc     #0
        mov     x19, #7                 // callee-saved: must survive the handler
        mov     x8, #172                // getpid
        svc     #0
        mov     x1, #10
        mov     x8, #129                // kill
        svc     #0
        mov     x0, #1
        adr     x1, back
        mov     x2, #13
        mov     x8, #64
        svc     #0
        mov     x0, x19
        mov     x8, #93
        svc     #0

handler:
        mov     x19, #99                // clobbered here, restored by sigreturn
        mov     x0, #1
        adr     x1, inh
        mov     x2, #11
        mov     x8, #64
        svc     #0
        ret                             // to x30 = sa_restorer

restorer:
        mov     x8, #139                // rt_sigreturn
        svc     #0

inh:    .ascii  "in handler\n"
back:   .ascii  "back in main\n"
        .align  3
act:    .xword  handler, 0x04000000, restorer, 0    // SA_RESTORER
