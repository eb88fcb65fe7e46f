# Buffering: read /data/1mib.bin and count the system calls it takes.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 2                  # open("/data/1mib.bin", O_RDONLY)
        lea     rdi, [rip + path]
        xor     esi, esi
        syscall
        mov     r12, rax                # fd
        mov     r13d, {{params.prefix}}
small:  mov     eax, 0                  # read(fd, buf, 1)
        mov     rdi, r12
        lea     rsi, [rip + buf]
        mov     edx, 1
        syscall
        dec     r13d
        jnz     small
        # TODO: read the rest of the file in {{params.bufSize}}-byte calls until read returns 0
        mov     eax, 3                  # close(fd)
        mov     rdi, r12
        syscall
        mov     eax, 60
        xor     edi, edi
        syscall

        .section .rodata
path:   .asciz  "/data/1mib.bin"
        .bss
buf:    .skip   65536
