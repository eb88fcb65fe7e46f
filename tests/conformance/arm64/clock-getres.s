// clock_getres(2) (nr 114) through svc, the call the vDSO's __kernel_clock_getres
// falls back to: CLOCK_MONOTONIC is a high-resolution clock (1 ns on a kernel with
// hrtimers), res may be NULL, and an unknown clock id is EINVAL.
// expect-stdout: res: 1\n
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #1                  // clock_getres(CLOCK_MONOTONIC, &res)
        adr     x1, res
        mov     x8, #114
        svc     #0
        mov     x0, #1                  // clock_getres(CLOCK_MONOTONIC, NULL)
        mov     x1, #0
        mov     x8, #114
        svc     #0
        mov     x0, #99                 // clock_getres(99, NULL): no such clock
        mov     x1, #0
        mov     x8, #114
        svc     #0
        cmn     x0, #22                 // -EINVAL
        b.ne    1f
        adr     x1, res
        ldr     x2, [x1, #8]            // tv_nsec: a single digit here
        add     x2, x2, #'0'
        adr     x1, msg
        strb    w2, [x1, #5]
        mov     x0, #1
        mov     x2, #7
        mov     x8, #64
        svc     #0
        mov     x0, #0
1:      mov     x8, #93
        svc     #0
.data
msg:    .ascii  "res: ?\n"
        .align  3
res:    .xword  0, 0
