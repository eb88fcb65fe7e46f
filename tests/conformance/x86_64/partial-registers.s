# Writes to part of a register: 8- and 16-bit writes keep the other bits, a 32-bit
# write zeroes bits 63:32, ah/bh name bits 15:8, and a 32-bit cmov zero-extends even
# when its condition is false (SDM Vol 1 3.4.1.1 general-purpose registers in 64-bit
# mode; Vol 2A CMOVcc operation).
# expect-stdout: 11223344556677aa\n112233445566bbbb\n00000000cccccccc\n1122334455660d77\n000000000000000d\n0000000077777777\n0000000012345678\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    movabs rbx, 0x1122334455667788
    mov rdi, rbx
    mov dil, 0xaa               # 8-bit write: bits 63:8 kept
    call print_hex
    mov rdi, rbx
    mov di, 0xbbbb              # 16-bit write: bits 63:16 kept
    call print_hex
    mov rdi, rbx
    mov edi, 0xcccccccc         # 32-bit write: bits 63:32 cleared
    call print_hex
    mov rax, rbx
    mov ah, 0x0d                # bits 15:8
    mov al, 0x77
    mov rdi, rax
    mov r13, rax
    call print_hex              # clobbers rax: reload
    mov rax, r13
    movzx edi, ah
    call print_hex
    movabs rax, 0xffffffff77777777
    mov ecx, 1
    test ecx, ecx               # ZF = 0: cmovz is not taken
    cmovz eax, ecx              # ...but eax is still written: upper half cleared
    mov rdi, rax
    call print_hex
    movabs rdi, 0xdeadbeef12345678
    xchg edi, edi               # a 32-bit xchg zero-extends too (87 /r, not the 0x90 nop)
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
