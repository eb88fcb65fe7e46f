// write(2) to a descriptor that is not open returns -EBADF (-9). Exit with 9.
// expect-exit: 9
// expect-trace: write(99, "x", 1) = -1 EBADF (Bad file descriptor)
.global _start
.text
_start:
        mov     x0, #99
        adr     x1, x
        mov     x2, #1
        mov     x8, #64
        svc     #0
        neg     x0, x0
        mov     x8, #93
        svc     #0
x:      .ascii  "x"
