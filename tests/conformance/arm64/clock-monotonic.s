// clock_gettime(CLOCK_MONOTONIC) (nr 113) through svc: the call succeeds and
// tv_nsec is below one second.
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #1                  // CLOCK_MONOTONIC
        adr     x1, ts
        mov     x8, #113
        svc     #0
        cbnz    x0, 1f
        adr     x1, ts
        ldr     x2, [x1, #8]
        ldr     x3, =1000000000
        cmp     x2, x3
        cset    x0, hs
1:      mov     x8, #93
        svc     #0
.data
        .align  3
ts:     .xword  0, 0
