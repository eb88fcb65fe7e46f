// ppoll(2) on arm64, which has no poll: a pipe with a byte in it is ready at once
// (1, revents=POLLIN) while SIGUSR1 is masked for the wait; with the pipe emptied a
// zero timespec times out at once (0); a tv_nsec of 1e9 and a mask size of 4 are EINVAL;
// the mask is back to empty afterwards. Each check that fails exits with its number.
// expect-stdout: ok\n
// expect-exit: 0
.global _start
.text
_start:
        adr     x0, fds                 // pipe2(fds, 0)
        mov     x1, #0
        mov     x8, #59
        svc     #0
        adr     x9, fds
        ldr     w0, [x9, #4]            // write(fds[1], "x", 1)
        adr     x1, okmsg
        mov     x2, #1
        mov     x8, #64
        svc     #0
        ldr     w10, [x9]
        adr     x11, pfd
        str     w10, [x11]
        adr     x0, pfd                 // ppoll(&pfd, 1, &one_s, &usr1, 8) = 1
        mov     x1, #1
        adr     x2, one_s
        adr     x3, usr1
        mov     x4, #8
        mov     x8, #73
        svc     #0
        mov     x12, #1
        cmp     x0, #1
        b.ne    fail
        ldrh    w13, [x11, #6]          // revents == POLLIN
        mov     x12, #2
        cmp     w13, #1
        b.ne    fail
        ldr     w0, [x9]                // read(fds[0], buf, 1)
        adr     x1, buf
        mov     x2, #1
        mov     x8, #63
        svc     #0
        adr     x0, pfd                 // ppoll(&pfd, 1, &zero, NULL, 8) = 0
        mov     x1, #1
        adr     x2, zero
        mov     x3, #0
        mov     x4, #8
        mov     x8, #73
        svc     #0
        mov     x12, #3
        cbnz    x0, fail
        adr     x0, pfd                 // ppoll(&pfd, 1, &bad_nsec, NULL, 8) = -EINVAL
        mov     x1, #1
        adr     x2, bad_nsec
        mov     x3, #0
        mov     x4, #8
        mov     x8, #73
        svc     #0
        mov     x12, #4
        cmn     x0, #22
        b.ne    fail
        adr     x0, pfd                 // ppoll(&pfd, 1, &zero, &usr1, 4) = -EINVAL
        mov     x1, #1
        adr     x2, zero
        adr     x3, usr1
        mov     x4, #4
        mov     x8, #73
        svc     #0
        mov     x12, #5
        cmn     x0, #22
        b.ne    fail
        mov     x0, #0                  // rt_sigprocmask(SIG_BLOCK, NULL, &old, 8)
        mov     x1, #0
        adr     x2, old
        mov     x3, #8
        mov     x8, #135
        svc     #0
        ldr     x13, [x2]
        mov     x12, #6
        cbnz    x13, fail
        mov     x0, #1                  // write(1, "ok\n", 3)
        adr     x1, okmsg
        mov     x2, #3
        mov     x8, #64
        svc     #0
        mov     x12, #0
fail:
        mov     x0, x12
        mov     x8, #93
        svc     #0

        .data
okmsg:  .ascii  "ok\n"
buf:    .byte   0
        .align  3
fds:    .word   0, 0
pfd:    .word   0
        .hword  1, 0                    // events = POLLIN
one_s:  .xword  1, 0
zero:   .xword  0, 0
bad_nsec: .xword 0, 1000000000
usr1:   .xword  0x200                   // 1 << (SIGUSR1 - 1)
old:    .xword  0
