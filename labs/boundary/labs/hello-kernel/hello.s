# Hello, kernel (x86-64): write(2) then exit(2), straight to the kernel.
# Linux x86-64 syscall ABI: number in rax, arguments in rdi, rsi, rdx (syscall(2)).
        .intel_syntax noprefix
        .globl  _start
        .text
_start:
        mov     eax, 1                  # __NR_write
        mov     edi, 1                  # fd 1: standard output
        lea     rsi, [rip + msg]        # buffer
        mov     edx, 14                 # length
        syscall                         # SDM Vol 2B SYSCALL: rcx <- rip, r11 <- rflags

        mov     eax, 60                 # __NR_exit
        mov     edi, 0                  # TODO: exit with status {{params.status}}
        syscall

        .section .rodata
msg:    .ascii  "hello, kernel\n"
