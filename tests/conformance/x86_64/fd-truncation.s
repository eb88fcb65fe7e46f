# write(2)'s fd parameter is `unsigned int`: the kernel uses only the low 32 bits of rdi,
# so rdi = 0xffffffff00000001 still writes to fd 1 (SYSCALL_DEFINE3(write, unsigned int fd, ...)).
# expect-stdout: upper half ignored\n
# expect-exit: 0
# expect-trace: write(1, "upper half ignored\n", 19) = 19
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    movabs rdi, 0xffffffff00000001
    lea rsi, [rip + msg]
    mov edx, 19
    syscall
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "upper half ignored\n"
