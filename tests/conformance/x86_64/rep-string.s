# The string instructions with a rep prefix: rep stosb fills rcx bytes at rdi with al,
# rep movsb copies rcx bytes from rsi to rdi; both advance rdi/rsi and count rcx down
# to zero (DF = 0 at process start, per the SysV ABI) (SDM Vol 2B MOVS, STOS, REP).
# expect-stdout: ********\ncopied by rep movsb\nrcx == 0 after rep: 1\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    lea rdi, [rip + stars]
    mov al, 0x2a                # '*'
    mov ecx, 8
    rep stosb
    mov byte ptr [rdi], 10
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + stars]
    mov edx, 9
    syscall
    lea rsi, [rip + src]
    lea rdi, [rip + dst]
    mov ecx, 20
    rep movsb
    mov rbx, rcx
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + dst]
    mov edx, 20
    syscall
    xor edi, edi
    test rbx, rbx
    sete dil
    lea rsi, [rip + label]
    mov edx, 20
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
src: .ascii "copied by rep movsb\n"
label: .ascii "rcx == 0 after rep: "
.bss
stars: .skip 16
dst: .skip 32

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
