// Branching to address 0: the instruction fetch aborts, SIGSEGV SEGV_MAPERR
// with si_addr = NULL.
// expect-exit: 139
// expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---
.global _start
.text
_start:
        mov     x0, #0
        br      x0
