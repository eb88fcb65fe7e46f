# mmap(2) argument checks: a zero length is -EINVAL, and so is a mapping that is
# neither MAP_PRIVATE nor MAP_SHARED (mmap(2): EINVAL). Nothing is mapped either time.
# expect-stdout: length 0: EINVAL\nno type: EINVAL\n
# expect-exit: 0
# expect-trace: mmap(NULL, 0, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = -1 EINVAL (Invalid argument)
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    xor esi, esi                # length 0
    mov edx, 1                  # PROT_READ
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -22
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m1]
    mov edx, 17
    syscall
    mov eax, 9
    xor edi, edi
    mov esi, 4096
    mov edx, 1
    mov r10d, 0x20              # MAP_ANONYMOUS alone
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -22
    jne .Lbad
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + m2]
    mov edx, 16
    syscall
    mov eax, 60
    xor edi, edi
    syscall
.Lbad:
    mov eax, 60
    mov edi, 1
    syscall

.section .rodata
m1: .ascii "length 0: EINVAL\n"
m2: .ascii "no type: EINVAL\n"
