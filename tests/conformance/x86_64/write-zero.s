# A write of zero bytes is legal and returns 0 without touching the buffer
# (write(2): "If count is zero and fd refers to a regular file..."; on a pipe it is a no-op).
# expect-stdout: after empty write\n
# expect-exit: 0
# expect-trace: write(1, "", 0) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    xor edx, edx
    syscall
    test rax, rax
    jnz .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 18
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
msg: .ascii "after empty write\n"
