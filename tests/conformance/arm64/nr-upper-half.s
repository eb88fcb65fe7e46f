// The syscall number is the low 32 bits of x8 (el0_svc passes it as an int):
// x8 = 0xffffffff00000040 still calls write (64).
// expect-stdout: low half\n
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #1
        adr     x1, msg
        mov     x2, #9
        mov     x8, #64
        movk    x8, #0xffff, lsl #32
        movk    x8, #0xffff, lsl #48
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
msg:    .ascii  "low half\n"
