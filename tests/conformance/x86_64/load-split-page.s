# A misaligned 8-byte load whose last 4 bytes lie on an unmapped page. The access
# faults as a whole, and the address reported is the first byte that is not mapped
# (CR2 = start of the next page), not the address the instruction named (SDM Vol 3A
# 4.7 page-fault exceptions, CR2).
# expect-stdout: loading across the page end\n
# expect-exit: 139
# expect-trace: --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=MAP1+0x1000} ---
.intel_syntax noprefix
.global _start
.text
_start:
    mov eax, 9                  # two pages, then unmap the second
    xor edi, edi
    mov esi, 8192
    mov edx, 3
    mov r10d, 0x22
    mov r8, -1
    xor r9d, r9d
    syscall
    mov rbx, rax
    mov eax, 11
    lea rdi, [rbx + 4096]
    mov esi, 4096
    syscall
    mov eax, 1
    mov edi, 1
    lea rsi, [rip + msg]
    mov edx, 28
    syscall
    mov rax, qword ptr [rbx + 4092]
    mov eax, 60
    xor edi, edi
    syscall

.section .rodata
msg: .ascii "loading across the page end\n"
