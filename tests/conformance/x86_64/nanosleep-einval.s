# nanosleep(2) validates its timespec: tv_nsec must be below 1e9, otherwise -EINVAL
# (-22) and no sleep.
# expect-stdout: EINVAL\n
# expect-exit: 0
# expect-trace: nanosleep({tv_sec=0, tv_nsec=1000000000}, NULL) = -1 EINVAL (Invalid argument)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 35
    lea rdi, [rip + req]
    xor esi, esi
    syscall
    cmp rax, -22
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 7
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
msg: .ascii "EINVAL\n"
.align 8
req: .quad 0, 1000000000
