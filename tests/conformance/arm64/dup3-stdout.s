// dup3(1, 5, 0) (nr 24) makes fd 5 another name for stdout; writing to it
// reaches the same pipe. Exit with dup3's result.
// expect-stdout: via fd 5\n
// expect-exit: 5
// expect-trace: dup3(1, 5, 0) = 5
.global _start
.text
_start:
        mov     x0, #1
        mov     x1, #5
        mov     x2, #0
        mov     x8, #24
        svc     #0
        mov     x19, x0
        mov     x0, #5
        adr     x1, msg
        mov     x2, #9
        mov     x8, #64
        svc     #0
        mov     x0, x19
        mov     x8, #93
        svc     #0
msg:    .ascii  "via fd 5\n"
