# The same question asked through both entries: getpid is 20 via `int 0x80` and 39 via
# `syscall`; both must return the same pid. Only the comparison is printed.
# requires: ia32-emulation
# expect-stdout: same pid: 1\n
# expect-exit: 0
# expect-trace: getpid() = PID
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 20                 # __NR_getpid (i386)
    int 0x80
    mov ebx, eax
    mov eax, 39                 # __NR_getpid (x86-64)
    syscall
    xor edi, edi
    cmp eax, ebx
    sete dil
    lea rsi, [rip + label]
    mov edx, 10
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "same pid: "
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
