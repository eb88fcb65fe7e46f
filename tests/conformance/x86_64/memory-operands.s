# ALU instructions with a memory operand, where width and immediate sign-extension
# matter: mov qword with an imm32 (sign-extended), add/adc/sub on memory, not/neg on
# memory, xchg with memory, bt on a memory bit string with an offset past 64 (it
# addresses a later qword), and lea with a 32-bit destination (truncated address)
# (SDM Vol 2A ADD, BT "bit string" addressing; Vol 2B MOV, XCHG).
# expect-stdout: ffffffffffffffff\n0000000000000002\n0000000100000001\nfffffffffffffff0\n000000000000000f\n00000000000000aa\n0000000000000055\n0000000000000001\n0000000000000000\n0000000023456790\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    lea rbx, [rip + cells]
    mov qword ptr [rbx], -1             # imm32 sign-extended to 64 bits
    mov rdi, qword ptr [rbx]
    call print_hex
    mov qword ptr [rbx], 1
    add qword ptr [rbx], 1              # imm8 form
    mov rdi, qword ptr [rbx]
    call print_hex
    mov qword ptr [rbx], -1
    mov qword ptr [rbx + 8], 0
    add qword ptr [rbx], 2              # 128-bit add in memory: carry into the high qword
    adc qword ptr [rbx + 8], 0
    mov rax, qword ptr [rbx + 8]
    shl rax, 32
    or rax, qword ptr [rbx]
    mov rdi, rax
    call print_hex                      # high 1, low 1
    mov qword ptr [rbx], 0x0f
    not qword ptr [rbx]
    mov rdi, qword ptr [rbx]
    call print_hex
    neg qword ptr [rbx]                 # -(~0xf) = 0x10, then subtract 1
    sub qword ptr [rbx], 1
    mov rdi, qword ptr [rbx]
    call print_hex
    mov qword ptr [rbx], 0x55
    mov eax, 0xaa
    xchg qword ptr [rbx], rax
    mov r12, rax
    mov rdi, qword ptr [rbx]
    call print_hex                      # memory now 0xaa
    mov rdi, r12
    call print_hex                      # rax got 0x55
    mov qword ptr [rbx], 0
    mov qword ptr [rbx + 8], 0x40       # bit 70 of the string at rbx = bit 6 of qword 1
    mov ecx, 70
    bt qword ptr [rbx], rcx
    setc al
    movzx edi, al
    call print_hex
    mov ecx, 71
    bt qword ptr [rbx], rcx
    setc al
    movzx edi, al
    call print_hex
    movabs rsi, 0x1111111123456789
    lea eax, [rsi + 7]                  # 32-bit result: upper half dropped
    mov rdi, rax
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

.data
.align 8
cells: .quad 0, 0

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
