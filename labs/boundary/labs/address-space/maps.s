# Address space: print this process's own memory map.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        # TODO (step 2): grow the heap by {{params.heap}} bytes with brk
        # TODO (step 3): mmap {{params.map}} anonymous read/write bytes
        call    dump_maps
        mov     eax, 60
        xor     edi, edi
        syscall

dump_maps:
        mov     eax, 2                  # open("/proc/self/maps", O_RDONLY)
        lea     rdi, [rip + path]
        xor     esi, esi
        syscall
        mov     r12, rax
1:      xor     eax, eax                # read(fd, buf, 4096)
        mov     rdi, r12
        lea     rsi, [rip + buf]
        mov     edx, 4096
        syscall
        test    rax, rax
        jle     2f
        mov     rdx, rax                # write(1, buf, n)
        mov     eax, 1
        mov     edi, 1
        lea     rsi, [rip + buf]
        syscall
        jmp     1b
2:      mov     eax, 3
        mov     rdi, r12
        syscall
        ret

        .section .rodata
path:   .asciz  "/proc/self/maps"
        .bss
buf:    .skip   4096
