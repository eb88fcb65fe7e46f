// Address space (ARM64): print this process's own memory map.
        .globl  _start
        .text
_start:
        // TODO (step 2): grow the heap by {{params.heap}} bytes with brk (214)
        // TODO (step 3): mmap {{params.map}} anonymous read/write bytes (222)
        bl      dump_maps
        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

dump_maps:
        mov     x8, #56                 // openat(AT_FDCWD, "/proc/self/maps", O_RDONLY)
        mov     x0, #-100
        ldr     x1, =path
        mov     x2, #0
        svc     #0
        mov     x19, x0
1:      mov     x8, #63                 // read(fd, buf, 4096)
        mov     x0, x19
        ldr     x1, =buf
        mov     x2, #4096
        svc     #0
        cmp     x0, #0
        b.le    2f
        mov     x2, x0                  // write(1, buf, n)
        mov     x8, #64
        mov     x0, #1
        ldr     x1, =buf
        svc     #0
        b       1b
2:      mov     x8, #57                 // close(fd)
        mov     x0, x19
        svc     #0
        ret
        .section .rodata
path:   .asciz  "/proc/self/maps"
        .bss
buf:    .skip   4096
