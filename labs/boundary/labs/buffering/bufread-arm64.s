// Buffering (ARM64): read /data/1mib.bin and count the system calls it takes.
        .globl  _start
        .text
_start:
        mov     x8, #56                 // openat(AT_FDCWD, "/data/1mib.bin", O_RDONLY)
        mov     x0, #-100
        adr     x1, path
        mov     x2, #0
        svc     #0
        mov     x19, x0                 // fd
        mov     x20, #{{params.prefix}}
small:  mov     x8, #63                 // read(fd, buf, 1)
        mov     x0, x19
        ldr     x1, =buf
        mov     x2, #1
        svc     #0
        subs    x20, x20, #1
        b.ne    small
        // TODO: read the rest of the file in {{params.bufSize}}-byte calls until read returns 0
        mov     x8, #57                 // close(fd)
        mov     x0, x19
        svc     #0
        mov     x8, #93                 // exit(0)
        mov     x0, #0
        svc     #0

        .section .rodata
path:   .asciz  "/data/1mib.bin"
        .bss
buf:    .skip   65536
