# What the syscall instruction itself does to registers: rcx receives the return
# address (the instruction after syscall) and r11 the saved RFLAGS, which in user mode
# always has IF (bit 9) and the reserved bit 1 set (SDM Vol 2B SYSCALL; Linux returns
# through sysretq, which reloads RIP from rcx and RFLAGS from r11).
# expect-stdout: rcx = return address: 1\nr11 has IF and bit 1: 1\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 39                 # getpid: any cheap syscall
    syscall
.Lafter:
    lea rax, [rip + .Lafter]
    mov rbx, r11
    xor edi, edi
    cmp rcx, rax
    sete dil
    lea rsi, [rip + l1]
    mov edx, 22
    call print_bool
    mov rax, rbx
    and eax, 0x202
    xor edi, edi
    cmp eax, 0x202
    sete dil
    lea rsi, [rip + l2]
    mov edx, 22
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
l1: .ascii "rcx = return address: "
l2: .ascii "r11 has IF and bit 1: "
.text

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
