// Conventions (ARM64): the same six-argument mmap. Arguments in x0-x5, the call
// number in x8, result in x0; SVC #0 clobbers nothing else (syscall(2)).
// The call numbers are the generic table's (include/uapi/asm-generic/unistd.h).
        .globl  _start
        .text
_start:
        mov     x8, #9                  // mmap, as on x86-64 -- TODO: is it on ARM64?
        mov     x0, #0                  // addr
        mov     x1, #{{params.len}}     // length
        mov     x2, #3                  // PROT_READ | PROT_WRITE
        mov     x3, #0x22               // MAP_PRIVATE | MAP_ANONYMOUS: x3, no special case
        mov     x4, #-1                 // fd
        mov     x5, #0                  // offset
        svc     #0
        mov     x19, x0                 // the new page
        adr     x1, msg                 // copy the message into it
        mov     x2, #0
1:      ldrb    w3, [x1, x2]
        strb    w3, [x19, x2]
        add     x2, x2, #1
        cmp     x2, #15
        b.ne    1b
        mov     x8, #64                 // write(1, page, 15)
        mov     x0, #1
        mov     x1, x19
        mov     x2, #15
        svc     #0
        mov     x8, #215                // munmap(page, length)
        mov     x0, x19
        mov     x1, #{{params.len}}
        svc     #0
        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

msg:    .ascii  "conventions ok\n"
