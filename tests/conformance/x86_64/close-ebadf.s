# close(2) of a descriptor that was never opened: -EBADF (-9).
# expect-stdout: EBADF\n
# expect-exit: 0
# expect-trace: close(99) = -1 EBADF (Bad file descriptor)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 3                  # close
    mov edi, 99
    syscall
    cmp rax, -9
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 6
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
msg: .ascii "EBADF\n"
