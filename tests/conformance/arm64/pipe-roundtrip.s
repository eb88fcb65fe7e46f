// pipe2(2) (nr 59) gives the two lowest free descriptors, 3 and 4; bytes written
// to the write end come back from the read end. Echo them to stdout; exit with
// the read end's number.
// expect-stdout: through a pipe\n
// expect-exit: 3
// expect-trace: read(3, "through a pipe\n", 64) = 15
.global _start
.text
_start:
        adr     x0, fds
        mov     x1, #0
        mov     x8, #59
        svc     #0
        adr     x9, fds
        ldr     w0, [x9, #4]            // write end
        adr     x1, msg
        mov     x2, #15
        mov     x8, #64
        svc     #0
        adr     x9, fds
        ldr     w0, [x9]                // read end
        adr     x1, buf
        mov     x2, #64
        mov     x8, #63
        svc     #0
        mov     x2, x0
        mov     x0, #1
        adr     x1, buf
        mov     x8, #64
        svc     #0
        adr     x9, fds
        ldr     w0, [x9]
        mov     x8, #93
        svc     #0
msg:    .ascii  "through a pipe\n"
        .align  3
.data
fds:    .word   -1, -1
buf:    .skip   64
