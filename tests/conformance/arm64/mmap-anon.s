// mmap(2) an anonymous read/write page, store two bytes into it, write them
// to stdout, munmap it, exit 0. Numbers: mmap 222, write 64, munmap 215.
// expect-stdout: Z\n
// expect-exit: 0
.global _start
.text
_start:
        mov     x0, #0                  // addr: let the kernel choose
        mov     x1, #4096               // length
        mov     x2, #3                  // PROT_READ | PROT_WRITE
        mov     x3, #0x22               // MAP_PRIVATE | MAP_ANONYMOUS
        mov     x4, #-1                 // fd
        mov     x5, #0                  // offset
        mov     x8, #222
        svc     #0
        mov     x19, x0
        mov     w1, #'Z'
        strb    w1, [x19]
        mov     w1, #10                 // '\n'
        strb    w1, [x19, #1]
        mov     x0, #1
        mov     x1, x19
        mov     x2, #2
        mov     x8, #64
        svc     #0
        mov     x0, x19
        mov     x1, #4096
        mov     x8, #215
        svc     #0
        mov     x0, #0
        mov     x8, #93
        svc     #0
