# gettimeofday(2) through the raw syscall: tv_usec is always below one million and
# tv_sec is after 2001-09-09 (1e9 s). The values themselves are normalized away.
# expect-stdout: tv_usec < 1000000: 1\ntv_sec > 1e9: 1\n
# expect-exit: 0
# expect-trace: gettimeofday({tv_sec=N, tv_usec=N}, NULL) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 96                 # gettimeofday
    lea rdi, [rip + tv]
    xor esi, esi
    syscall
    xor edi, edi
    cmp qword ptr [rip + tv + 8], 1000000
    setb dil
    lea rsi, [rip + l1]
    mov edx, 19
    call print_bool
    xor edi, edi
    cmp qword ptr [rip + tv], 1000000000
    setg dil
    lea rsi, [rip + l2]
    mov edx, 14
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
l1: .ascii "tv_usec < 1000000: "
l2: .ascii "tv_sec > 1e9: "
.bss
tv: .skip 16
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
