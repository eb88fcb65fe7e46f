# munmap(2) needs a page-aligned address: an address inside a page is -EINVAL, while
# unmapping a range that holds nothing is fine and returns 0 (munmap(2)).
# expect-stdout: unaligned: EINVAL\nempty range: 0\n
# expect-exit: 0
# expect-trace: munmap(0x10000001, 4096) = -1 EINVAL (Invalid argument)
# expect-trace: munmap(0x10000000, 4096) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 11
    mov edi, 0x10000001
    mov esi, 4096
    syscall
    cmp rax, -22
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m1]
    mov edx, 18
    syscall
    mov eax, 11
    mov edi, 0x10000000
    mov esi, 4096
    syscall
    test rax, rax
    jnz .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m2]
    mov edx, 15
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
m1: .ascii "unaligned: EINVAL\n"
m2: .ascii "empty range: 0\n"
