// munmap(2) removes the mapping: touching the page afterwards is SIGSEGV with
// SEGV_MAPERR (no mapping at all, rather than the wrong rights).
// expect-exit: 139
.global _start
.text
_start:
        mov     x0, #0
        mov     x1, #8192
        mov     x2, #3
        mov     x3, #0x22
        mov     x4, #-1
        mov     x5, #0
        mov     x8, #222
        svc     #0
        mov     x19, x0
        mov     x1, #8192
        mov     x8, #215
        svc     #0
        ldr     x0, [x19, #4096]
        mov     x8, #93
        svc     #0
