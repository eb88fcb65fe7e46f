# All 16 condition codes after cmp, for pairs that separate signed from unsigned order.
# Each line prints setcc results in the order o no b ae e ne be a s ns p np l ge le g,
# and a cmov/jcc cross-check that they agree (SDM Vol 1 B.1 condition codes).
# expect-stdout: 0110011010101010 jcc==setcc\n0101010110011010 jcc==setcc\n0110011001010101 jcc==setcc\n1001010101101010 jcc==setcc\n0101101001100110 jcc==setcc\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    xor r12d, r12d              # pair index
    lea r13, [rip + pairs]
    lea r14, [rip + line]
.Lpair:
    mov rax, qword ptr [r13 + r12 * 8]
    mov rbx, qword ptr [r13 + r12 * 8 + 8]
    cmp rax, rbx
    seto byte ptr [rip + line]
    setno byte ptr [rip + line + 1]
    setb byte ptr [rip + line + 2]
    setae byte ptr [rip + line + 3]
    sete byte ptr [rip + line + 4]
    setne byte ptr [rip + line + 5]
    setbe byte ptr [rip + line + 6]
    seta byte ptr [rip + line + 7]
    sets byte ptr [rip + line + 8]
    setns byte ptr [rip + line + 9]
    setp byte ptr [rip + line + 10]
    setnp byte ptr [rip + line + 11]
    setl byte ptr [rip + line + 12]
    setge byte ptr [rip + line + 13]
    setle byte ptr [rip + line + 14]
    setg byte ptr [rip + line + 15]
    # Cross-check: jl and cmovle must agree with setl and setle.
    mov ecx, 0
    mov edx, 1
    cmovle ecx, edx
    jl .Ltaken
    mov r8d, 0
    jmp .Ljoined
.Ltaken:
    mov r8d, 1
.Ljoined:
    movzx eax, byte ptr [rip + line + 12]
    movzx edx, byte ptr [rip + line + 14]
    cmp eax, r8d
    jne .Lmismatch
    cmp edx, ecx
    jne .Lmismatch
    lea rsi, [rip + agree]
    jmp .Lprint
.Lmismatch:
    lea rsi, [rip + disagree]
.Lprint:
    lea rdi, [rip + line + 16]
    mov ecx, 12
    rep movsb                   # append the verdict
    xor ecx, ecx
.Lascii:
    add byte ptr [r14 + rcx], 0x30
    inc ecx
    cmp ecx, 16
    jne .Lascii
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + line]
    mov edx, 28
    syscall
    add r12, 2
    cmp r12, 10
    jne .Lpair
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
.align 8
pairs:
    .quad 1, 2                          # below and less
    .quad -1, 1                         # above (unsigned) but less (signed)
    .quad 1, -1                         # below (unsigned) but greater (signed)
    .quad 0x8000000000000000, 1         # overflow: INT64_MIN - 1
    .quad 5, 5                          # equal
agree:    .ascii " jcc==setcc\n"
disagree: .ascii " jcc!=setcc\n"
.data
line: .skip 32
