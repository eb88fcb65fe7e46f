# readv(2) scatters one read across several buffers in order: 10 bytes of stdin land
# 4 in the first iovec and 6 in the second. writev(2) then gathers them back in swapped order.
# stdin: abcdefghij
# expect-stdout: efghijabcd\n
# expect-exit: 0
# expect-trace: readv(0, [{iov_base="abcd", iov_len=4}, {iov_base="efghij", iov_len=6}], 2) = 10
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 19                 # readv(0, iov_in, 2)
    xor edi, edi
    lea rsi, [rip + iov_in]
    mov edx, 2
    syscall
    cmp rax, 10
    jne .Lbad
    mov eax, 20                 # writev(1, iov_out, 3)
    mov edi, 1
    lea rsi, [rip + iov_out]
    mov edx, 3
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.data
.align 8
iov_in:  .quad first, 4, second, 6
iov_out: .quad second, 6, first, 4, newline, 1
first:   .skip 4
second:  .skip 6
newline: .ascii "\n"
