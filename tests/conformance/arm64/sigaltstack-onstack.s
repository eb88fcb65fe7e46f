// A handler installed with SA_ONSTACK runs on the alternate stack sigaltstack(2)
// (nr 132) set up: it checks that its sp lies inside that stack, asks sigaltstack
// for the flags it sees there (SS_ONSTACK = 1), and may not change the stack it runs
// on (EPERM). After rt_sigreturn main is off the stack again (flags 0), the exit
// status. (SS_AUTODISARM and arm64's MINSIGSTKSZ of 5120 are unit tests: qemu-user
// 7.2 rejects the first with EINVAL and takes stacks down to 2048 bytes.)
// expect-stdout: handler: on alt stack, flags 1\nmain: flags 0\n
// expect-exit: 0
// expect-trace: sigaltstack(NULL, {ss_sp=0x410260, ss_flags=SS_ONSTACK, ss_size=16384}) = 0
// expect-trace: sigaltstack({ss_sp=0x410260, ss_flags=0, ss_size=16384}, NULL) = -1 EPERM (Operation not permitted)
.global _start
.text
_start:
        adr     x0, ss                  // {ss_sp = altstack, ss_flags = 0, ss_size}
        mov     x1, #0
        mov     x8, #132                // sigaltstack
        svc     #0
        mov     x0, #10                 // SIGUSR1
        adr     x1, act
        mov     x2, #0
        mov     x3, #8
        mov     x8, #134                // rt_sigaction
        svc     #0
        bl      raise_usr1
        adr     x1, main_msg
        mov     x2, #(main_end - main_msg)
        bl      report
        and     x0, x21, #7             // main's ss_flags: 0
        mov     x8, #93                 // exit
        svc     #0

raise_usr1:
        mov     x22, x30
        mov     x8, #172                // getpid
        svc     #0
        mov     x1, #10
        mov     x8, #129                // kill
        svc     #0
        ret     x22

// Write the x2 bytes at x1, then "flags N\n" with N = ss_flags & 7 as sigaltstack
// reports it here, and "A" before the newline when SS_AUTODISARM is set.
// Leaves the flags in x21.
report:
        mov     x0, #1
        mov     x8, #64                 // write
        svc     #0
        mov     x0, #0
        adr     x1, oss
        mov     x8, #132                // sigaltstack(NULL, &oss)
        svc     #0
        adr     x1, oss
        ldr     w21, [x1, #8]
        adr     x1, line
        and     w2, w21, #7
        add     w2, w2, #'0'
        strb    w2, [x1, #6]
        mov     x2, #7
        tbz     w21, #31, 1f
        mov     w3, #'A'
        strb    w3, [x1, x2]
        add     x2, x2, #1
1:      mov     w3, #'\n'
        strb    w3, [x1, x2]
        add     x2, x2, #1
        mov     x0, #1
        mov     x8, #64
        svc     #0
        ret

handler:
        mov     x24, x30
        mov     x25, sp
        adr     x1, altstack
        add     x2, x1, #16384
        cmp     x25, x1
        b.lo    2f
        cmp     x25, x2
        b.hi    2f
        adr     x1, on_msg
        mov     x2, #(on_end - on_msg)
        b       3f
2:      adr     x1, off_msg
        mov     x2, #(off_end - off_msg)
3:      bl      report
        adr     x0, ss                  // changing the stack while on it: EPERM
        mov     x1, #0
        mov     x8, #132
        svc     #0
        ret     x24

restorer:
        mov     x8, #139                // rt_sigreturn
        svc     #0

main_msg:  .ascii  "main: "
main_end:
on_msg:    .ascii  "handler: on alt stack, "
on_end:
off_msg:   .ascii  "handler: NOT on alt stack, "
off_end:
        .align  3
act:    .xword  handler, 0x1c000000, restorer, 0    // SA_ONSTACK | SA_RESTART | SA_RESTORER

.data
        .align  4
ss:     .xword  altstack
        .word   0, 0
        .xword  16384
oss:    .space  24
line:   .ascii  "flags ....."
        .align  4
altstack: .space 16384
