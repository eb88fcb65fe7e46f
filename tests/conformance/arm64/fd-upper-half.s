// The fd argument of write(2) is an `unsigned int`: the kernel reads only the
// low 32 bits of x0, so 0xdead000000000001 still means stdout.
// expect-stdout: upper half ignored\n
// expect-exit: 19
// expect-trace: write(1, "upper half ignored\n", 19) = 19
.global _start
.text
_start:
        movz    x0, #0xdead, lsl #48
        movk    x0, #1                  // x0 = 0xdead000000000001
        ldr     x1, =msg
        mov     x2, #(msg_end - msg)
        mov     x8, #64
        svc     #0
        mov     x8, #93                 // exit with write's result (bytes written)
        svc     #0
.data
msg:    .ascii  "upper half ignored\n"
msg_end:
