# mprotect(2) takes write permission away from a mapped page: reads still work, the
# next store faults with SIGSEGV SEGV_ACCERR (the page is present, the access is not allowed).
# expect-stdout: read-only page still reads 0x11: 1\nwriting\n
# expect-exit: 139
# expect-trace: mprotect(MAP1, 4096, PROT_READ) = 0
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=MAP1+0x8} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9
    xor edi, edi
    mov esi, 4096
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov byte ptr [rbx + 8], 0x11
    mov eax, 10                 # mprotect(addr, 4096, PROT_READ)
    mov rdi, rbx
    mov esi, 4096
    mov edx, 1
    syscall
    movzx eax, byte ptr [rbx + 8]
    xor edi, edi
    cmp eax, 0x11
    sete dil
    lea rsi, [rip + l1]
    mov edx, 33
    call print_bool
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + l2]
    mov edx, 8
    syscall
    mov byte ptr [rbx + 8], 0x22
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
l1: .ascii "read-only page still reads 0x11: "
l2: .ascii "writing\n"
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
