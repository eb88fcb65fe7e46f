# Pointers the kernel must write through (or read) that map nothing: fstat, clock_gettime,
# gettimeofday, uname, nanosleep and writev all return -EFAULT (-14) instead of
# faulting the process (copy_to_user/copy_from_user failing). A read into read-only
# .rodata is EFAULT too: the page is there, but the kernel's write to it faults.
# stdin: some input
# expect-stdout: EFAULT count: 0000000000000007\n
# expect-exit: 0
# expect-trace: fstat(1, 0x1000) = -1 EFAULT (Bad address)
# expect-trace: clock_gettime(CLOCK_MONOTONIC, 0x1000) = -1 EFAULT (Bad address)
.intel_syntax noprefix
.global _start
.text
_start:
    xor r12d, r12d
    mov eax, 5                  # fstat(1, 0x1000)
    mov edi, 1
    mov esi, 0x1000
    call count_efault
    mov eax, 228                # clock_gettime(CLOCK_MONOTONIC, 0x1000)
    mov edi, 1
    mov esi, 0x1000
    call count_efault
    mov eax, 96                 # gettimeofday(0x1000, NULL)
    mov edi, 0x1000
    xor esi, esi
    call count_efault
    mov eax, 63                 # uname(0x1000)
    mov edi, 0x1000
    call count_efault
    mov eax, 35                 # nanosleep(0x1000, NULL)
    mov edi, 0x1000
    xor esi, esi
    call count_efault
    mov eax, 20                 # writev(1, 0x1000, 1)
    mov edi, 1
    mov esi, 0x1000
    mov edx, 1
    call count_efault
    xor eax, eax                # read(0, rodata, 4)
    xor edi, edi
    lea rsi, [rip + label]
    mov edx, 4
    call count_efault
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + label]
    mov edx, 14
    syscall
    mov rdi, r12
    call print_hex
    mov eax, 60
    xor edi, edi
    syscall

# count_efault: make the syscall in eax; r12 += 1 if it returned -EFAULT.
count_efault:
    syscall
    cmp rax, -14
    jne .Lnot
    inc r12
.Lnot:
    ret

.section .rodata
label: .ascii "EFAULT count: "

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
