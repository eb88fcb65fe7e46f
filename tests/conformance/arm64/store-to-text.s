// Writing to the program's own code: .text is mapped read+execute, so the
// store faults and the process gets SIGSEGV (exit status 128 + 11).
// expect-exit: 139
// expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x400078} ---
.global _start
.text
_start:
        adr     x1, _start
        mov     w0, #0xd503201f & 0xffff
        str     w0, [x1]
        mov     x8, #93
        svc     #0
