# read(2) with a count of 0 returns 0 at once, even with data waiting in the pipe; the
# next read gets the data (read(2): "If count is zero, read() may detect errors ...
# returns zero").
# stdin: data
# expect-stdout: data
# expect-exit: 0
# expect-trace: read(0, "", 0) = 0
# expect-trace: read(0, "data", 16) = 4
.intel_syntax noprefix
.global _start
.text
_start:
    xor eax, eax
    xor edi, edi
    lea rsi, [rip + buf]
    xor edx, edx
    syscall
    test rax, rax
    jnz .Lbad
    xor eax, eax
    xor edi, edi
    lea rsi, [rip + buf]
    mov edx, 16
    syscall
    mov rdx, rax
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + buf]
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.bss
buf: .skip 16
