# The kernel's side of the syscall ABI: apart from rax (result), rcx and r11 (used by
# the syscall instruction), every general register comes back unchanged, including the
# argument registers (SysV ABI AMD64 A.2.1; arch/x86/entry/entry_64.S saves pt_regs).
# expect-stdout: registers preserved: 1\n
# expect-exit: 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov rbx, 0x1111
    mov rdx, 0x2222
    mov rsi, 0x3333
    mov rdi, 0x4444
    mov rbp, 0x5555
    mov r8, 0x8888
    mov r9, 0x9999
    mov r10, 0xaaaa
    mov r12, 0xcccc
    mov r13, 0xdddd
    mov r14, 0xeeee
    mov r15, 0xffff
    mov rax, 39                 # getpid ignores all arguments
    syscall
    xor eax, eax                # count mismatches
    cmp rbx, 0x1111
    setne cl
    add al, cl
    cmp rdx, 0x2222
    setne cl
    add al, cl
    cmp rsi, 0x3333
    setne cl
    add al, cl
    cmp rdi, 0x4444
    setne cl
    add al, cl
    cmp rbp, 0x5555
    setne cl
    add al, cl
    cmp r8, 0x8888
    setne cl
    add al, cl
    cmp r9, 0x9999
    setne cl
    add al, cl
    cmp r10, 0xaaaa
    setne cl
    add al, cl
    cmp r12, 0xcccc
    setne cl
    add al, cl
    cmp r13, 0xdddd
    setne cl
    add al, cl
    cmp r14, 0xeeee
    setne cl
    add al, cl
    cmp r15, 0xffff
    setne cl
    add al, cl
    xor edi, edi
    test al, al
    sete dil
    lea rsi, [rip + label]
    mov edx, 21
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "registers preserved: "
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
