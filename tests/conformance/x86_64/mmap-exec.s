# Code generated at run time: write `mov eax, 42; ret` into an anonymous RW page,
# mprotect it to R+X (never W+X at once), and call it (mprotect(2); how JITs work).
# expect-stdout: generated code returned 42: 1\n
# expect-exit: 0
# expect-trace: mprotect(MAP1, 4096, PROT_READ|PROT_EXEC) = 0
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 4096
    mov edx, 3                  # PROT_READ|PROT_WRITE
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov byte ptr [rbx], 0xb8            # mov eax, imm32
    mov dword ptr [rbx + 1], 42
    mov byte ptr [rbx + 5], 0xc3        # ret
    mov eax, 10
    mov rdi, rbx
    mov esi, 4096
    mov edx, 5                  # PROT_READ|PROT_EXEC
    syscall
    call rbx
    xor edi, edi
    cmp eax, 42
    sete dil
    lea rsi, [rip + label]
    mov edx, 28
    call print_bool
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
label: .ascii "generated code returned 42: "
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
