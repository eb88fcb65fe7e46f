# The syscall number is an int: the kernel looks only at eax (arch/x86/entry/common.c
# do_syscall_64 takes `int nr`), so rax = 0x100000027 is getpid (39), and eax = -1
# is number -1, out of range: -ENOSYS, which strace shows sign-extended.
# expect-stdout: 0x100000027 is getpid: 1\n-1 is ENOSYS: 1\n
# expect-exit: 0
# expect-trace: getpid() = PID
# expect-trace: syscall_0xffffffffffffffff(0, 0, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)
.intel_syntax noprefix
.global _start
.text
_start:
    movabs rax, 0x100000027
    syscall
    mov rbx, rax
    mov eax, 39
    syscall
    xor edi, edi
    cmp rax, rbx
    sete dil
    lea rsi, [rip + l1]
    mov edx, 23
    call print_bool
    mov eax, -1                 # rax = 0x00000000ffffffff
    xor edi, edi
    xor esi, esi
    xor edx, edx
    xor r10d, r10d
    xor r8d, r8d
    xor r9d, r9d
    syscall
    xor edi, edi
    cmp rax, -38
    sete dil
    lea rsi, [rip + l2]
    mov edx, 14
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
l1: .ascii "0x100000027 is getpid: "
l2: .ascii "-1 is ENOSYS: "
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
