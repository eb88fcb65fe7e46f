# Flag-heavy arithmetic printed as hex: a 128-bit add with adc, a 128-bit subtract with
# sbb, signed imul, unsigned div with remainder, and the shift/rotate family. Each line
# is a value the CPU computed, so any flag or width slip in an emulator shows up as a diff
# (SDM Vol 2A ADC, SBB, IMUL, DIV; Vol 2B SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR).
# expect-stdout: 0000000000000001\n0000000000000000\nfffffffffffffffe\nffffffffffffffff\nfffffffffffffff9\n00000000075bb290\n0000000000000002\n00000000000003e8\n8000000000000000\nf000000000000000\n0f00000000000000\n1000000000000000\n0000000000000001\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    # (2^64 - 1) + 1 as 128-bit: low word 0, carry into the high word.
    mov rax, -1
    xor edx, edx
    add rax, 1
    adc rdx, 0
    mov rbx, rax
    mov rdi, rdx                # high = 1
    call print_hex
    mov rdi, rbx                # low = 0
    call print_hex
    # 0 - 1 - (borrow from below) as 128-bit: 0:0 minus 0:1, then minus 1 more high.
    xor eax, eax
    xor edx, edx
    sub rax, 1                  # CF = 1
    sbb rdx, 1                  # 0 - 1 - 1 = -2
    mov rbx, rax
    mov rdi, rdx
    call print_hex              # fffffffffffffffe
    mov rdi, rbx
    call print_hex              # ffffffffffffffff
    # imul: -7 * 1 with the three-operand form, then a product that fits 32 bits.
    mov rcx, -7
    imul rdi, rcx, 1
    call print_hex              # fffffffffffffff9
    mov eax, 12345
    mov ecx, 10000
    imul eax, ecx               # 123450000 = 0x75bb290
    mov edi, eax
    call print_hex
    # div: 1002 / 500 = 2 remainder 2... print quotient and the remainder * 500 check.
    mov eax, 1002
    xor edx, edx
    mov ecx, 500
    div rcx
    mov rbx, rdx                # remainder 2
    mov rdi, rax
    call print_hex              # quotient 2
    mov rax, rbx
    imul rax, rax, 500          # 2 * 500 = 1000 = 0x3e8
    mov rdi, rax
    call print_hex
    # shifts and rotates
    mov eax, 1
    shl rax, 63
    mov rdi, rax
    call print_hex              # 8000000000000000
    movabs rax, 0x8000000000000000
    sar rax, 3
    mov rdi, rax
    call print_hex              # f000000000000000
    movabs rax, 0xf000000000000000
    shr rax, 4
    mov rdi, rax
    call print_hex              # 0f00000000000000
    mov eax, 1
    ror rax, 4
    mov rdi, rax
    call print_hex              # 1000000000000000
    movabs rax, 0x8000000000000000
    rol rax, 1
    mov rdi, rax
    call print_hex              # 0000000000000001
    mov eax, 60
    xor edi, edi
    syscall

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
