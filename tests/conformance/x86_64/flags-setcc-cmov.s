# Condition codes read back through setcc and cmov: signed vs unsigned compares of the
# same bits disagree (-1 < 1 signed, 0xff..ff > 1 unsigned), overflow on INT64_MAX + 1,
# zero/sign/parity results. One line per condition, "1" or "0" (SDM Vol 1 3.4.3 EFLAGS).
# expect-stdout: 1010\n1\n1\n0\n0000000000000007\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, -1
    mov rcx, 1
    cmp rax, rcx
    setl byte ptr [rip + out]       # signed less: 1
    setb byte ptr [rip + out + 1]   # unsigned below: 0
    seta byte ptr [rip + out + 2]   # unsigned above: 1
    setg byte ptr [rip + out + 3]   # signed greater: 0
    lea rsi, [rip + out]
    mov ecx, 4
.Lascii:
    add byte ptr [rsi + rcx - 1], 0x30
    dec ecx
    jnz .Lascii
    mov eax, 1
    mov edi, 1
    mov edx, 5
    syscall
    # overflow: INT64_MAX + 1
    movabs rax, 0x7fffffffffffffff
    add rax, 1
    seto bl
    movzx edi, bl
    call print_digit                # 1
    # parity of the low byte 0x03 (two bits set: even parity, PF = 1)
    mov eax, 3
    test al, al
    setp bl
    movzx edi, bl
    call print_digit                # 1
    # sign flag after a result of zero
    xor eax, eax
    sets bl
    movzx edi, bl
    call print_digit                # 0
    # cmov picks the larger of 7 and 3 without a branch
    mov eax, 3
    mov edx, 7
    cmp eax, edx
    cmovl eax, edx
    mov edi, eax
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

# print_digit: writes edi (0..9) as a digit and a newline.
print_digit:
    add edi, 0x30
    mov byte ptr [rip + digit], dil
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + digit]
    mov edx, 2
    syscall
    ret

.data
out: .ascii "0000\n"
digit: .ascii "0\n"

.text
# print_hex: writes rdi as 16 hex digits and a newline to stdout.
# Clobbers rax, rcx, rdx, rsi, rdi, r8, r11 (syscall clobbers rcx and r11: SDM Vol 2B SYSCALL).
print_hex:
    sub rsp, 24
    mov ecx, 16
    lea r8, [rip + hexdigits]
.Lhex_loop:
    mov rax, rdi
    and eax, 15
    movzx eax, byte ptr [r8 + rax]
    mov byte ptr [rsp + rcx - 1], al
    shr rdi, 4
    dec ecx
    jnz .Lhex_loop
    mov byte ptr [rsp + 16], 10
    mov eax, 1                  # write
    mov edi, 1
    mov rsi, rsp
    mov edx, 17
    syscall
    add rsp, 24
    ret

.section .rodata
hexdigits: .ascii "0123456789abcdef"
