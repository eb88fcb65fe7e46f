# Full-width multiply and divide: mul gives a 128-bit product in rdx:rax, div takes a
# 128-bit dividend back; idiv rounds toward zero and the remainder takes the dividend's sign
# (SDM Vol 2A MUL, DIV, IDIV).
# expect-stdout: 0000000000000001\nfffffffffffffffe\nffffffffffffffff\n0000000000000000\nfffffffffffffffe\nffffffffffffffff\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov rax, -1                 # (2^64 - 1)^2 = 0xfffffffffffffffe_0000000000000001
    mov rcx, -1
    mul rcx
    mov rbx, rdx
    mov r12, rax
    mov rdi, rax
    call print_hex              # low: 1
    mov rdi, rbx
    call print_hex              # high: ...fe
    mov rdx, rbx                # divide it back by 2^64 - 1
    mov rax, r12
    mov rcx, -1
    div rcx
    mov r12, rdx
    mov rdi, rax
    call print_hex              # quotient 2^64 - 1
    mov rdi, r12
    call print_hex              # remainder 0
    mov rax, -7                 # -7 / 3 = -2 rem -1
    cqo
    mov ecx, 3
    idiv rcx
    mov r12, rdx
    mov rdi, rax
    call print_hex
    mov rdi, r12
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
