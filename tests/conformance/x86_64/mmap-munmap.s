# Anonymous memory: mmap(NULL, 8 KiB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
# returns zeroed pages; after munmap the same address faults, SIGSEGV SEGV_MAPERR
# (mmap(2), munmap(2)). The address is the kernel's choice; the normalizer calls it MAP1.
# expect-stdout: mapped page reads back 0x5a: 1\nunmapped, touching again\n
# expect-exit: 139
# expect-trace: mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = MAP1
# expect-trace: munmap(MAP1, 8192) = 0
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=MAP1+0x1388} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9                  # mmap
    xor edi, edi
    mov esi, 8192
    mov edx, 3                  # PROT_READ|PROT_WRITE
    mov r10d, 0x22              # MAP_PRIVATE|MAP_ANONYMOUS
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov byte ptr [rbx + 5000], 0x5a
    movzx eax, byte ptr [rbx + 5000]
    xor edi, edi
    cmp eax, 0x5a
    sete dil
    lea rsi, [rip + l1]
    mov edx, 29
    call print_bool
    mov eax, 11                 # munmap
    mov rdi, rbx
    mov esi, 8192
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + l2]
    mov edx, 25
    syscall
    movzx eax, byte ptr [rbx + 5000]
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
l1: .ascii "mapped page reads back 0x5a: "
l2: .ascii "unmapped, touching again\n"
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
