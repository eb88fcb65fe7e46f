// Install a SIGSEGV handler with rt_sigaction(2) (nr 134), then fault on a
// null load. The kernel delivers the signal; the handler writes a message
// and exits with status 42, so no sigreturn trampoline is needed.
// struct sigaction on arm64: handler, flags, restorer, mask (8 bytes each).
// expect-stdout: caught SIGSEGV\n
// expect-exit: 42
// expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---
.global _start
.text
_start:
        mov     x0, #11                 // SIGSEGV
        adr     x1, act
        mov     x2, #0                  // no old action
        mov     x3, #8                  // sizeof(sigset_t) for the kernel
        mov     x8, #134
        svc     #0
        mov     x1, #0
        ldr     x0, [x1]                // fault
        mov     x8, #93
        svc     #0

handler:
        mov     x0, #1
        adr     x1, msg
        mov     x2, #(msg_end - msg)
        mov     x8, #64
        svc     #0
        mov     x0, #42
        mov     x8, #93
        svc     #0

msg:    .ascii  "caught SIGSEGV\n"
msg_end:
        .align  3
act:    .xword  handler, 0, 0, 0
