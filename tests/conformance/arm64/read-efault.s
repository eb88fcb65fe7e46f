// read(0, 0x10, 5): the buffer is not mapped, so the kernel copies nothing
// and returns -EFAULT (-14). Exit with -x0 = 14.
// stdin: "hello"
// expect-exit: 14
// expect-trace: read(0, 0x10, 5) = -1 EFAULT (Bad address)
.global _start
.text
_start:
        mov     x0, #0
        mov     x1, #0x10
        mov     x2, #5
        mov     x8, #63
        svc     #0
        neg     x0, x0
        mov     x8, #93
        svc     #0
