# getuid and geteuid: without a set-user-ID bit the real and effective user are the
# same (credentials(7)). The values depend on who runs the suite, so only the
# comparison is printed and the normalizer hides the numbers.
# expect-stdout: uid == euid: 1\n
# expect-exit: 0
# expect-trace: getuid() = UID
# expect-trace: geteuid() = UID
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 102                # getuid
    syscall
    mov rbx, rax
    mov eax, 107                # geteuid
    syscall
    xor edi, edi
    cmp rax, rbx
    sete dil
    lea rsi, [rip + label]
    mov edx, 13
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "uid == euid: "
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
