# Arguments the kernel rejects before doing anything: an unknown clock id, an unknown
# arch_prctl code, an mprotect of an unaligned address, an munmap of length 0 (all
# -EINVAL, -22), and a non-anonymous mmap of fd -1 (-EBADF, -9).
# expect-stdout: rejected: 0000000000000005\n
# expect-exit: 0
# expect-trace: arch_prctl(0x9999 /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)
# expect-trace: mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE, -1, 0) = -1 EBADF (Bad file descriptor)
.intel_syntax noprefix
.global _start
.text
_start:
    xor r12d, r12d
    mov eax, 228                # clock_gettime(100, ts)
    mov edi, 100
    lea rsi, [rip + ts]
    call count_einval
    mov eax, 158                # arch_prctl(0x9999, 0)
    mov edi, 0x9999
    xor esi, esi
    call count_einval
    mov eax, 10                 # mprotect(0x401001, 4096, PROT_READ)
    mov edi, 0x401001
    mov esi, 4096
    mov edx, 1
    call count_einval
    mov eax, 11                 # munmap(0x10000000, 0)
    mov edi, 0x10000000
    xor esi, esi
    call count_einval
    mov eax, 9                  # mmap(NULL, 4096, RW, MAP_PRIVATE, -1, 0)
    xor edi, edi
    mov esi, 4096
    mov edx, 3
    mov r10d, 2
    mov r8, -1
    xor r9d, r9d
    syscall
    cmp rax, -9
    jne .Lbad
    inc r12
.Lbad:
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + label]
    mov edx, 10
    syscall
    mov rdi, r12
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

# count_einval: make the syscall in eax; r12 += 1 if it returned -EINVAL.
count_einval:
    syscall
    cmp rax, -22
    jne .Lnot
    inc r12
.Lnot:
    ret

.section .rodata
label: .ascii "rejected: "
.bss
ts: .skip 16

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
