# Reading from a descriptor after closing it: the slot is empty, so read(2) fails
# with -EBADF, and a second close fails the same way.
# stdin: unread
# expect-stdout: read: EBADF\nclose again: EBADF\n
# expect-exit: 0
# expect-trace: close(0) = 0
# expect-trace: read(0, 0x40301f, 4) = -1 EBADF (Bad file descriptor)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 3                  # close(0)
    xor edi, edi
    syscall
    xor eax, eax                # read(0, buf, 4)
    xor edi, edi
    lea rsi, [rip + buf]
    mov edx, 4
    syscall
    cmp rax, -9
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m1]
    mov edx, 12
    syscall
    mov eax, 3                  # close(0) again
    xor edi, edi
    syscall
    cmp rax, -9
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m2]
    mov edx, 19
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
m1: .ascii "read: EBADF\n"
m2: .ascii "close again: EBADF\n"
.bss
buf: .skip 4
