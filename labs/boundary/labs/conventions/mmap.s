# Conventions: a six-argument system call, written the way a C function call
# would pass its arguments. Something is wrong with one of them.
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 9                  # mmap(NULL, {{params.len}}, PROT_READ|PROT_WRITE,
        xor     edi, edi                #      MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)
        mov     esi, {{params.len}}
        mov     edx, 3
        mov     ecx, 0x22               # 4th argument (as in a C call)
        mov     r8, -1
        xor     r9d, r9d
        syscall
        mov     rbx, rax
        lea     rsi, [rip + msg]        # copy the message into the new page
        mov     rdi, rbx
        mov     ecx, 15
        rep movsb
        mov     eax, 1                  # write(1, page, 15)
        mov     edi, 1
        mov     rsi, rbx
        mov     edx, 15
        syscall
        mov     eax, 11                 # munmap(page, {{params.len}})
        mov     rdi, rbx
        mov     esi, {{params.len}}
        syscall
        mov     eax, 60
        xor     edi, edi
        syscall

        .section .rodata
msg:    .ascii  "conventions ok\n"
