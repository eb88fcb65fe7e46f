# Logic and bit instructions: and/or/xor/not/neg, bt into CF (read with setc), xchg,
# rol/ror by CL. Each result is printed in hex (SDM Vol 2A BT, Vol 2B XCHG).
# expect-stdout: 00000000000000f0\n00000000ffff00ff\nffffffffffffff0f\nfffffffffffffff1\n0000000000000001\n0000000000000000\n00000000000000aa\n00000000000000bb\n0000000000000300\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 0xff
    and eax, 0x1f0
    mov edi, eax
    call print_hex              # 0xf0
    mov eax, 0xffff0000
    or eax, 0xff
    mov edi, eax
    call print_hex              # 0xffff00ff (32-bit op zero-extends)
    mov rax, 0xf0
    not rax
    mov rdi, rax
    call print_hex              # ...ff0f
    mov rax, 15
    neg rax
    mov rdi, rax
    call print_hex              # -15
    mov eax, 0x20
    bt rax, 5
    setc bl
    movzx edi, bl
    call print_hex              # bit 5 set: 1
    mov eax, 0x20               # print_hex clobbered rax
    bt rax, 4
    setc bl
    movzx edi, bl
    call print_hex              # bit 4 clear: 0
    mov eax, 0xaa
    mov edx, 0xbb
    xchg rax, rdx
    mov rbx, rax
    mov rdi, rdx
    call print_hex              # 0xaa
    mov rdi, rbx
    call print_hex              # 0xbb
    mov eax, 3
    mov ecx, 8
    rol rax, cl
    mov ecx, 64
    ror rax, cl                 # count masked to 0: unchanged
    mov rdi, rax
    xor edx, edx
    xor rdi, rdx
    call print_hex              # 0x300
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
