# write(2) from a buffer pointer that maps nothing: copy_from_user fails and the call
# returns -EFAULT (-14) instead of killing the process (write(2): EFAULT).
# expect-stdout: EFAULT\n
# expect-exit: 0
# expect-trace: write(1, 0x1000, 5) = -1 EFAULT (Bad address)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    mov esi, 0x1000             # the first page past NULL: never mapped
    mov edx, 5
    syscall
    cmp rax, -14
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
msg: .ascii "EFAULT\n"
