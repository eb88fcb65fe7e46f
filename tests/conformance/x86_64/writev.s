# writev(2) gathers three buffers into one atomic write: the pipe sees a single
# 20-byte record, and the return value is the total.
# expect-stdout: Hello, vectored IO!\n
# expect-exit: 0
# expect-trace: writev(1, [{iov_base="Hello", iov_len=5}, {iov_base=", ", iov_len=2}, {iov_base="vectored IO!\n", iov_len=13}], 3) = 20
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 20
    mov edi, 1
    lea rsi, [rip + iov]
    mov edx, 3
    syscall
    mov rdi, rax
    sub rdi, 20                 # exit 0 when all 20 bytes went out
    mov eax, 60
    syscall

.section .rodata
p1: .ascii "Hello"
p2: .ascii ", "
p3: .ascii "vectored IO!\n"
.align 8
iov: .quad p1, 5, p2, 2, p3, 13
