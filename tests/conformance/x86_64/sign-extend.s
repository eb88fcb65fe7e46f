# Widening conversions: movzx/movsx/movsxd and the accumulator forms cbw, cwde, cdqe,
# cwd, cdq, cqo. Each takes 0x80-ish negative values and shows what the upper bits become
# (SDM Vol 2A CBW/CWDE/CDQE, CWD/CDQ/CQO, MOVSX/MOVSXD, MOVZX).
# expect-stdout: 0000000000000080\nffffffffffffff80\nffffffff80000000\n000000000000ff80\n00000000ffffff80\nffffffffffffff80\n000000000000ffff\n00000000ffffffff\nffffffffffffffff\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov byte ptr [rip + b], 0x80
    movzx rdi, byte ptr [rip + b]
    call print_hex              # 0x80
    movsx rdi, byte ptr [rip + b]
    call print_hex              # sign-extended
    mov dword ptr [rip + d], 0x80000000
    movsxd rdi, dword ptr [rip + d]
    call print_hex
    xor eax, eax
    mov al, 0x80
    cbw                         # ax = 0xff80, upper bits of eax untouched (zero)
    mov edi, eax
    call print_hex
    xor eax, eax
    mov ax, 0xff80
    cwde                        # eax = 0xffffff80, zero-extended into rax
    mov rdi, rax
    call print_hex
    mov eax, 0xffffff80
    cdqe
    mov rdi, rax
    call print_hex
    xor edx, edx
    mov ax, 0x8000
    cwd                         # dx = 0xffff
    movzx edi, dx
    call print_hex
    mov eax, 0x80000000
    cdq                         # edx = 0xffffffff
    mov edi, edx
    call print_hex
    mov rax, -5
    cqo                         # rdx = all ones
    mov rdi, rdx
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

.bss
b: .skip 1
.align 4
d: .skip 4

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
