# Indirect control flow: a jump table indexed by a register (jmp qword ptr [base +
# index*8]), an indirect call through memory, and push of an immediate popped into
# memory. Prints the word chosen for each index 0..3.
# expect-stdout: zero\none\ntwo\nthree\ncalled through memory\n0000000000000007\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    xor ebx, ebx
.Lnext:
    lea rax, [rip + table]
    jmp qword ptr [rax + rbx * 8]
.Lcase0:
    lea rsi, [rip + w0]
    mov edx, 5
    jmp .Lsay
.Lcase1:
    lea rsi, [rip + w1]
    mov edx, 4
    jmp .Lsay
.Lcase2:
    lea rsi, [rip + w2]
    mov edx, 4
    jmp .Lsay
.Lcase3:
    lea rsi, [rip + w3]
    mov edx, 6
.Lsay:
    mov eax, 1
    mov edi, 1
    syscall
    inc ebx
    cmp ebx, 4
    jne .Lnext
    call qword ptr [rip + fnptr]
    push 7
    pop qword ptr [rip + slot]
    mov rdi, qword ptr [rip + slot]
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

greet:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + w4]
    mov edx, 22
    syscall
    ret

.section .rodata
w0: .ascii "zero\n"
w1: .ascii "one\n"
w2: .ascii "two\n"
w3: .ascii "three\n"
w4: .ascii "called through memory\n"
.data
.align 8
table: .quad .Lcase0, .Lcase1, .Lcase2, .Lcase3
fnptr: .quad greet
slot:  .quad 0

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
