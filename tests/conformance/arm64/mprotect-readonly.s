// mmap a read/write page, store to it, mprotect(2) it read-only (nr 226), then
// store again: a permission fault, SIGSEGV with SEGV_ACCERR at the page.
// expect-exit: 139
.global _start
.text
_start:
        mov     x0, #0
        mov     x1, #4096
        mov     x2, #3                  // PROT_READ | PROT_WRITE
        mov     x3, #0x22               // MAP_PRIVATE | MAP_ANONYMOUS
        mov     x4, #-1
        mov     x5, #0
        mov     x8, #222
        svc     #0
        mov     x19, x0
        mov     w1, #1
        strb    w1, [x19]
        mov     x0, x19
        mov     x1, #4096
        mov     x2, #1                  // PROT_READ
        mov     x8, #226
        svc     #0
        ldrb    w1, [x19]               // reading is still fine
        strb    w1, [x19]               // writing is not
        mov     x0, #0
        mov     x8, #93
        svc     #0
