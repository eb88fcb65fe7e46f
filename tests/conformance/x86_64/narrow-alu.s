# 8- and 16-bit forms: div/idiv of AX by an 8-bit divisor (quotient in al, remainder in
# ah), idiv of dx:ax, 8-bit rotates and shifts with counts past the width, neg and
# sar on narrow registers. Each result is printed as a full 64-bit register, so a
# form that clobbers the bits it must keep shows up (SDM Vol 2A DIV, IDIV; Vol 2B
# SAL/SAR/SHL/SHR, ROL/ROR).
# expect-stdout: 111111111111068e\n222222222222fffe\n0000000000000003\n33333333333333c0\n4444444444444400\n55555555555555ff\n666666666666fffe\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    movabs rax, 0x1111111111110000
    mov ax, 1000
    mov cl, 7
    div cl                              # 1000 / 7 = 142 (al = 0x8e) remainder 6 (ah)
    mov rdi, rax
    call print_hex
    movabs rax, 0x2222222222220000
    mov ax, -2
    cwd                                 # dx:ax = -2
    mov cx, 1
    idiv cx                             # ax = -2, dx = 0; bits 63:16 of rax kept
    mov rdi, rax
    call print_hex
    mov eax, 0x81
    rol al, 9                           # 9 & 31 = 9, rotate mod 8 = 1: 0x81 -> 0x03
    movzx edi, al
    call print_hex
    movabs rax, 0x3333333333333381
    mov cl, 6
    shl al, cl                          # 0x81 << 6 = 0x40 (8-bit), upper bits kept
    or al, 0x80
    mov rdi, rax
    call print_hex
    movabs rax, 0x44444444444444ff
    shr al, 9                           # count 9 on 8 bits: all shifted out
    mov rdi, rax
    call print_hex
    movabs rax, 0x5555555555555501
    neg al
    mov rdi, rax
    call print_hex
    movabs rax, 0x666666666666fff8
    sar ax, 2
    mov rdi, rax
    call print_hex
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
