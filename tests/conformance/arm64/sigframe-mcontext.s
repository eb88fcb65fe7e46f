// The handler sees the interrupted registers in its ucontext (x2): x19 at
// uc_mcontext.regs[19] (offset 176 + 8 + 19*8 in struct ucontext) holds the value
// main put there, and uc_mcontext.pc points just past the svc that raised the
// signal. Exit with 0 when both hold, from the handler. SA_SIGINFO: qemu-user
// only passes x1/x2 with it (Linux always does).
// expect-stdout: frame ok\n
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #10                 // SIGUSR1
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134
        svc     #0
        movz    x19, #0x1234
        movk    x19, #0x5678, lsl #16
        mov     x8, #172
        svc     #0
        mov     x1, #10
        mov     x8, #129
        svc     #0
after_kill:
        mov     x0, #3
        mov     x8, #93
        svc     #0

handler:
        ldr     x3, [x2, #(176 + 8 + 19 * 8)]
        cmp     x3, x19
        b.ne    bad
        ldr     x3, [x2, #(176 + 8 + 32 * 8)]   // uc_mcontext.pc
        adr     x4, after_kill
        cmp     x3, x4
        b.ne    bad
        mov     x0, #1
        adr     x1, ok
        mov     x2, #9
        mov     x8, #64
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
bad:    mov     x0, #1
        mov     x8, #93
        svc     #0

ok:     .ascii  "frame ok\n"
        .align  3
act:    .xword  handler, 4, 0, 0             // SA_SIGINFO
