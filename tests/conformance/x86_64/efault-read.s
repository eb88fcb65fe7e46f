# read(2) into an unmapped buffer while stdin holds data: copy_to_user fails and the
# call returns -EFAULT (read(2): EFAULT). The data stays unread in the pipe.
# stdin: hello
# expect-stdout: EFAULT\n
# expect-exit: 0
# expect-trace: read(0, 0x1000, 5) = -1 EFAULT (Bad address)
.intel_syntax noprefix
.global _start
.text
_start:
    xor eax, eax                # __NR_read
    xor edi, edi
    mov esi, 0x1000
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
