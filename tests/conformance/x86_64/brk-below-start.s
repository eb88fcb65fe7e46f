# brk(2) never moves the break below where the heap started: asking for less (here
# 1 MiB below) fails, and the kernel's brk returns the current break unchanged rather
# than an error code (brk(2) NOTES: the raw syscall returns the new or old break).
# expect-stdout: break unchanged: 1\n
# expect-exit: 0
# expect-trace: brk(NULL) = BRK
# expect-trace: brk(BRK-0x100000) = BRK
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 12
    xor edi, edi
    syscall
    mov rbx, rax
    lea rdi, [rbx - 0x100000]
    mov eax, 12
    syscall
    xor edi, edi
    cmp rax, rbx
    sete dil
    lea rsi, [rip + label]
    mov edx, 17
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "break unchanged: "
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
