# clock_gettime(CLOCK_MONOTONIC) twice through the raw syscall (not the vDSO): the
# second reading must not be earlier than the first (clock_gettime(2): CLOCK_MONOTONIC
# never jumps backwards). Only the comparison is printed; the normalizer hides the times.
# expect-stdout: non-decreasing: 1\n
# expect-exit: 0
# expect-trace: clock_gettime(CLOCK_MONOTONIC, {tv_sec=N, tv_nsec=N}) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 228                # clock_gettime
    mov edi, 1                  # CLOCK_MONOTONIC
    lea rsi, [rip + t1]
    syscall
    mov eax, 228
    mov edi, 1
    lea rsi, [rip + t2]
    syscall
    mov rax, qword ptr [rip + t1]       # tv_sec
    mov rcx, qword ptr [rip + t2]
    mov edi, 1
    cmp rcx, rax
    jg .Lprint                          # later second: fine
    jl .Lbackwards
    mov rax, qword ptr [rip + t1 + 8]   # same second: compare tv_nsec
    cmp qword ptr [rip + t2 + 8], rax
    jge .Lprint
.Lbackwards:
    xor edi, edi
.Lprint:
    lea rsi, [rip + label]
    mov edx, 16
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "non-decreasing: "
.bss
t1: .skip 16
t2: .skip 16
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
