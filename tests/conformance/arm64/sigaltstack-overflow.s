// The classic use of sigaltstack(2): a runaway recursion grows the stack until it
// meets RLIMIT_STACK and faults. The SIGSEGV cannot be handled on the stack that
// overflowed, so the handler is installed with SA_ONSTACK and runs on an alternate
// stack; it checks its sp is there, says so and exits with status 3.
// Linux reports the fault as SEGV_MAPERR (no VMA below the stack's limit); qemu-user
// hits the PROT_NONE guard page under its guest stack and says SEGV_ACCERR.
// qemu-differs: si_code si_addr
// expect-stdout: stack overflow caught on the alternate stack\n
// expect-exit: 3
.global _start
.text
_start:
        adr     x0, ss
        mov     x1, #0
        mov     x8, #132                // sigaltstack
        svc     #0
        mov     x0, #11                 // SIGSEGV
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134                // rt_sigaction
        svc     #0
recurse:                                // a frame a page: the stack grows until it cannot
        sub     sp, sp, #4096
        stp     x29, x30, [sp]
        bl      recurse

handler:
        mov     x9, sp
        adr     x10, altstack
        add     x11, x10, #8192
        mov     x0, #1
        adr     x1, on_msg
        mov     x2, #(on_end - on_msg)
        cmp     x9, x10
        b.lo    1f
        cmp     x9, x11
        b.ls    2f
1:      adr     x1, off_msg
        mov     x2, #(off_end - off_msg)
2:      mov     x8, #64                 // write
        svc     #0
        mov     x0, #3
        mov     x8, #93                 // exit
        svc     #0

on_msg:    .ascii  "stack overflow caught on the alternate stack\n"
on_end:
off_msg:   .ascii  "handler NOT on the alternate stack\n"
off_end:
        .align  3
act:    .xword  handler, 0x08000004, 0, 0   // SA_ONSTACK | SA_SIGINFO

.data
        .align  4
ss:     .xword  altstack
        .word   0, 0
        .xword  8192
altstack: .space 8192
