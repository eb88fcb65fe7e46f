# munmap of the middle page of a three-page mapping splits it in two: the first and
# last pages stay usable, the hole faults (munmap(2): "the region ... can be part of
# a mapping"; mm/mmap.c splits the VMA).
# expect-stdout: outer pages still usable: 1\ntouching the hole\n
# expect-exit: 139
# expect-trace: munmap(MAP1+0x1000, 4096) = 0
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=MAP1+0x1800} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 12288
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov eax, 11                 # munmap(addr + 4096, 4096)
    lea rdi, [rbx + 4096]
    mov esi, 4096
    syscall
    mov byte ptr [rbx], 1
    mov byte ptr [rbx + 8192], 2
    movzx eax, byte ptr [rbx]
    movzx ecx, byte ptr [rbx + 8192]
    add eax, ecx
    xor edi, edi
    cmp eax, 3
    sete dil
    lea rsi, [rip + l1]
    mov edx, 26
    call print_bool
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + l2]
    mov edx, 18
    syscall
    mov byte ptr [rbx + 6144], 3
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
l1: .ascii "outer pages still usable: "
l2: .ascii "touching the hole\n"
.text

.text
# print_bool: writes the label at rsi (rdx bytes) followed by "1\n" if edi != 0, else "0\n".
print_bool:
    push rdi
    mov eax, 1                  # write(1, label, len)
    mov edi, 1
    syscall
    pop rdi
    lea rsi, [rip + bool_false]
    lea rax, [rip + bool_true]
    test edi, edi
    cmovnz rsi, rax
    mov eax, 1
    mov edi, 1
    mov edx, 2
    syscall
    ret

.section .rodata
bool_true:  .ascii "1\n"
bool_false: .ascii "0\n"
