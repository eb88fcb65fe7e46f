// A bad user pointer: write(1, 0x10, 5) returns -EFAULT (-14) rather than
// crashing. Exit with -x0 = 14.
// expect-exit: 14
// expect-trace: write(1, 0x10, 5) = -1 EFAULT (Bad address)
.global _start
.text
_start:
        mov     x0, #1
        mov     x1, #0x10
        mov     x2, #5
        mov     x8, #64
        svc     #0
        neg     x0, x0
        mov     x8, #93
        svc     #0
