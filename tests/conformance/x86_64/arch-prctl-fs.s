# arch_prctl(ARCH_SET_FS, addr) sets the FS base, the thread pointer TLS uses; after
# it, fs:0 reads the quadword at addr (arch_prctl(2); SDM Vol 3A 3.4.4 FS/GS bases).
# expect-stdout: 1122334455667788\nfs base read back: 1\n
# expect-exit: 0
# expect-trace: arch_prctl(ARCH_SET_FS, 0x403028) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 158                # arch_prctl
    mov edi, 0x1002             # ARCH_SET_FS
    lea rsi, [rip + tls]
    syscall
    mov rdi, qword ptr fs:[0]
    call print_hex
    mov eax, 158
    mov edi, 0x1003             # ARCH_GET_FS
    lea rsi, [rip + fsbase]
    syscall
    lea rax, [rip + tls]
    xor edi, edi
    cmp rax, qword ptr [rip + fsbase]
    sete dil
    lea rsi, [rip + label]
    mov edx, 19
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "fs base read back: "
.data
.align 8
tls: .quad 0x1122334455667788
fsbase: .quad 0
.text


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
